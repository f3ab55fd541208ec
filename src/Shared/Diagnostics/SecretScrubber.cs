using System.Text.RegularExpressions;

namespace Invitations.Diagnostics;

/// <summary>
/// Removes anything token-shaped from text that came back from a sender or sink (an error that quotes the
/// message it failed to send would otherwise carry the live link into logs, the outbox and a webhook). Linked
/// source from <c>src/Shared</c>: Core scrubs every delivery detail, and each adapter scrubs what it logs itself.
/// </summary>
internal static partial class SecretScrubber
{
    private const int MaxLength = 1000;
    // Tokens are 43 base64url characters; any run of 32 or more is treated as one (a provider's id that long is
    // redacted too, which costs a diagnostic, never a secret).
    private const int MinTokenLength = 32;

    // The built-in short link's code: exactly 22 base62 characters. Only a run of exactly that shape is redacted, so an
    // exception's type name, a GUID or a hyphenated host name in a reply stays readable.
    private const int ShortCodeLength = 22;

    public static string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var scrubbed = TokenLike().Replace(text, m => IsSecretShaped(m.ValueSpan) ? "[redacted]" : m.Value);
        return scrubbed.Length > MaxLength ? scrubbed[..MaxLength] : scrubbed;
    }

    private static bool IsSecretShaped(ReadOnlySpan<char> run)
    {
        int count = 0, punctuation = 0;
        foreach (var c in run)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                count++;
            }
            else if (c is '_' or '-')
            {
                count++;
                punctuation++;
            }
        }

        return count >= MinTokenLength || (count == ShortCodeLength && punctuation == 0);
    }

    // Runs of base64url characters (tokens are 43 of them, short codes 22 base62 ones). A quoted-
    // printable body (which a server reply may quote) wraps long lines with a soft line break "=" CRLF, which can
    // fall inside a token: the run continues across it, and only its base64url characters count.
    [GeneratedRegex(@"[A-Za-z0-9_-](?:[A-Za-z0-9_-]|=\r?\n)+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TokenLike();
}
