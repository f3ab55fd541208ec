using CsCheck;

namespace Invitations.Core.Tests.Fuzzing;

/// <summary>
/// Generators of hostile text for the fuzz tests: fragments parsers trip on (NUL, CR/LF, U+2028, lone surrogates,
/// percent-encoding, base64 alphabet neighbours, look-alikes), random text, very long text, and near misses of a valid
/// input. Linked as source into the adapter test projects, so every parser is fuzzed with the same corpus.
/// </summary>
internal static class HostileText
{
    private static readonly string[] Tricky =
    [
        "\0", "\r", "\n", "\r\n", "\t", "\v", "\f", "\u0085", "\u2028", "\u2029", "\u00A0", "\u200B", "\uFEFF", "\u202E", "\u2066",
        "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\U0001F600", "\u212A", "\u017F", "\u0130", "\uFF10", "\u0661", "\uFF0E", "\u3002",
        "%", "%00", "%0d%0a", "%2e", "%2F", "%25", "%u0041", "%E2%80%A8", "%C0%AF",
        "=", "==", "+", "/", "-", "_", ".", "..", "...", "@", "@@", ":", "//", "\\", "?", "#", "&", ";", ",", "\"", "'", "<", ">",
        "[", "]", "{", "}", "(", ")", "!", "$", "*", "~", " ", "  ", "0", "00", "-0", "+0", "1e9", "9223372036854775808",
        "xn--", "xn--80ak6aa92e", "localhost", "127.0.0.1", "[::1]", "0x7f000001", "https://", "http://", "javascript:", "file:///",
        "v1,", "v1a,", "v2,", "GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT",
    ];

    /// <summary>One hostile piece: plain alphanumerics, a tricky fragment, or any single UTF-16 code unit.</summary>
    public static readonly Gen<string> Fragment = Gen.Frequency(
        (4, Gen.String[Gen.Char["abcxyzABCXYZ0123456789"], 1, 8]),
        (4, Gen.OneOf(Tricky)),
        (2, Gen.Char.Select(c => c.ToString())));

    /// <summary>Up to <c>40</c> fragments, occasionally null or empty.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (1, Gen.Const(string.Empty)),
        (20, Fragment.Array[1, 40].Select(string.Concat)),
        (2, Gen.String));

    /// <summary>Text of 1,000 to 100,000 code units: one fragment repeated.</summary>
    public static readonly Gen<string> VeryLong = Gen.Select(Fragment, Gen.Int[1_000, 100_000])
        .Select((fragment, length) => string.Concat(Enumerable.Repeat(fragment, (length / fragment.Length) + 1))[..length]);

    /// <summary>Random, tricky or very long text, null now and then.</summary>
    public static readonly Gen<string?> Any = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (30, Text.Select(s => (string?)s)),
        (1, VeryLong.Select(s => (string?)s)));

    /// <summary>
    /// Near misses of <paramref name="valid"/>: one to three edits, each inserting a fragment, replacing one code unit
    /// with a fragment, deleting a code unit, or cutting the text short.
    /// </summary>
    /// <param name="valid">A valid input.</param>
    /// <returns>The generator.</returns>
    public static Gen<string> NearMiss(string valid)
    {
        var edit = Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Fragment);
        return edit.Array[1, 3].Select(edits =>
        {
            var text = valid;
            foreach (var (kind, where, fragment) in edits)
            {
                var at = where % (text.Length + 1);
                text = kind switch
                {
                    0 => text.Insert(at, fragment),
                    1 when at < text.Length => string.Concat(text.AsSpan(0, at), fragment, text.AsSpan(at + 1)),
                    2 when at < text.Length => text.Remove(at, 1),
                    _ => text[..at],
                };
            }

            return text;
        });
    }
}
