using Scriban;

namespace Invitations.Templates;

/// <summary>
/// HTML encoding of template values: <c>&amp; &lt; &gt; " ' `</c> become entities, so a value can neither open
/// a tag nor leave a quoted attribute. Writes runs of safe characters straight to the context output.
/// </summary>
internal static class HtmlText
{
    public static void Encode(TemplateContext context, string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var entity = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '`' => "&#96;",
                '\0' => "\uFFFD",
                _ => null,
            };
            if (entity is null)
            {
                continue;
            }

            if (i > start)
            {
                context.Write(text, start, i - start);
            }

            context.Write(entity, 0, entity.Length);
            start = i + 1;
        }

        if (start < text.Length)
        {
            context.Write(text, start, text.Length - start);
        }
    }
}
