using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace Invitations.Templates.Engine;

/// <summary>
/// The encoder of HTML bodies: <c>&amp; &lt; &gt; " ' `</c> become entities and NUL becomes U+FFFD, so a value can
/// neither open a tag nor leave a quoted attribute; every other character, non-ASCII included, is written as it is
/// (<see cref="HtmlEncoder.Default"/> leaves <c>`</c> and NUL alone and turns every non-ASCII letter into a numeric
/// reference, which makes names unreadable in the source of a message). Fluid takes it as its
/// <see cref="TextEncoder"/>: every <c>{{ expression }}</c> of an HTML body passes through it.
/// </summary>
internal sealed class HtmlValueEncoder : TextEncoder
{
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'`\0");

    private HtmlValueEncoder()
    {
    }

    /// <summary>The one instance (the encoder holds no state).</summary>
    public static HtmlValueEncoder Instance { get; } = new();

    /// <summary><c>&amp;quot;</c> is the longest entity.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    /// <summary>Returns <paramref name="value"/> itself when nothing needs encoding (Fluid's string values call this).</summary>
    public override string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var first = value.AsSpan().IndexOfAny(Special);
        if (first < 0)
        {
            return value;
        }

        var length = value.Length;
        foreach (var c in value.AsSpan(first))
        {
            length += Special.Contains(c) ? Entity(c).Length - 1 : 0;
        }

        return string.Create(length, value, static (destination, source) =>
        {
            var written = 0;
            foreach (var c in source)
            {
                if (Special.Contains(c))
                {
                    var entity = Entity(c);
                    entity.CopyTo(destination[written..]);
                    written += entity.Length;
                }
                else
                {
                    destination[written++] = c;
                }
            }
        });
    }

    /// <summary>Writes runs of safe characters in one call each.</summary>
    public override void Encode(TextWriter output, string value, int startIndex, int characterCount)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        Write(output, value.AsSpan(startIndex, characterCount));
    }

    /// <inheritdoc/>
    public override void Encode(TextWriter output, char[] value, int startIndex, int characterCount)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        Write(output, value.AsSpan(startIndex, characterCount));
    }

    /// <inheritdoc/>
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
        new ReadOnlySpan<char>(text, textLength).IndexOfAny(Special);

    /// <inheritdoc/>
    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        if (WillEncode(unicodeScalar))
        {
            var entity = Entity((char)unicodeScalar);
            numberOfCharactersWritten = entity.Length;
            return entity.TryCopyTo(destination) || Fail(out numberOfCharactersWritten);
        }

        // Not a character this encoder changes: written as it is (a scalar above U+FFFF as its surrogate pair).
        return new Rune(unicodeScalar).TryEncodeToUtf16(destination, out numberOfCharactersWritten);
    }

    /// <inheritdoc/>
    public override bool WillEncode(int unicodeScalar) => unicodeScalar is < char.MaxValue && Special.Contains((char)unicodeScalar);

    private static void Write(TextWriter output, ReadOnlySpan<char> text)
    {
        var next = text.IndexOfAny(Special);
        while (next >= 0)
        {
            if (next > 0)
            {
                output.Write(text[..next]);
            }

            output.Write(Entity(text[next]));
            text = text[(next + 1)..];
            next = text.IndexOfAny(Special);
        }

        if (!text.IsEmpty)
        {
            output.Write(text);
        }
    }

    private static bool Fail(out int written)
    {
        written = 0;
        return false;
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
