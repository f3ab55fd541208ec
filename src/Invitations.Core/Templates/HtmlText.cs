using System.Buffers;
using System.Text;
using Scriban;

namespace Invitations.Templates;

/// <summary>
/// HTML encoding of template values: <c>&amp; &lt; &gt; " ' `</c> become entities (NUL becomes U+FFFD), so a
/// value can neither open a tag nor leave a quoted attribute. Writes runs of safe characters straight to
/// the output; a value without special characters is written in one call. One encoder serves both render
/// paths: Scriban's context output and the compiled subset's builder.
/// </summary>
internal static class HtmlText
{
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'`\0");

    /// <summary>Where encoded text goes: a struct, so the encoder is specialized per output without boxing.</summary>
    private interface ISink
    {
        void Write(string text, int start, int count);
    }

    /// <summary>Writes <paramref name="text"/> HTML-encoded to a Scriban context's output.</summary>
    public static void Encode(TemplateContext context, string text)
    {
        var sink = new ContextSink(context);
        Encode(ref sink, text);
    }

    /// <summary>Appends <paramref name="text"/> HTML-encoded to <paramref name="builder"/>.</summary>
    public static void Encode(StringBuilder builder, string text)
    {
        var sink = new BuilderSink(builder);
        Encode(ref sink, text);
    }

    private static void Encode<TSink>(ref TSink sink, string text)
        where TSink : struct, ISink
    {
        var next = text.AsSpan().IndexOfAny(Special);
        if (next < 0)
        {
            sink.Write(text, 0, text.Length);
            return;
        }

        var start = 0;
        while (next >= 0)
        {
            var i = start + next;
            if (i > start)
            {
                sink.Write(text, start, i - start);
            }

            var entity = Entity(text[i]);
            sink.Write(entity, 0, entity.Length);
            start = i + 1;
            next = text.AsSpan(start).IndexOfAny(Special);
        }

        if (start < text.Length)
        {
            sink.Write(text, start, text.Length - start);
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

    private readonly struct ContextSink(TemplateContext context) : ISink
    {
        public void Write(string text, int start, int count) => context.Write(text, start, count);
    }

    private readonly struct BuilderSink(StringBuilder builder) : ISink
    {
        public void Write(string text, int start, int count) => builder.Append(text, start, count);
    }
}
