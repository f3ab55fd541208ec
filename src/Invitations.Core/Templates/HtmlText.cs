using System.Buffers;
using Scriban;

namespace Invitations.Templates;

/// <summary>
/// HTML encoding of template values: <c>&amp; &lt; &gt; " ' `</c> become entities (NUL becomes U+FFFD), so a
/// value can neither open a tag nor leave a quoted attribute. Writes runs of safe characters straight to
/// the context output; a value without special characters is written in one call.
/// </summary>
internal static class HtmlText
{
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'`\0");

    public static void Encode(TemplateContext context, string text)
    {
        var next = text.AsSpan().IndexOfAny(Special);
        if (next < 0)
        {
            context.Write(text, 0, text.Length);
            return;
        }

        var start = 0;
        while (next >= 0)
        {
            var i = start + next;
            if (i > start)
            {
                context.Write(text, start, i - start);
            }

            var entity = Entity(text[i]);
            context.Write(entity, 0, entity.Length);
            start = i + 1;
            next = text.AsSpan(start).IndexOfAny(Special);
        }

        if (start < text.Length)
        {
            context.Write(text, start, text.Length - start);
        }
    }

    private static string Entity(char c) => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        '`' => "&#96;",
        _ => "\uFFFD",
    };
}
