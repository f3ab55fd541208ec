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
    // The shortest secret the library issues: the built-in short link's code, 22 base62 characters (tokens are 43).
    private const int MinTokenLength = 22;

    public static string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var scrubbed = TokenLike().Replace(text, m => CountTokenCharacters(m.ValueSpan) >= MinTokenLength ? "[redacted]" : m.Value);
        return scrubbed.Length > MaxLength ? scrubbed[..MaxLength] : scrubbed;
    }

    private static int CountTokenCharacters(ReadOnlySpan<char> run)
    {
        var count = 0;
        foreach (var c in run)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            {
                count++;
            }
        }

        return count;
    }

    // 22+ base64url characters: our tokens are 43, short codes 22; SMTP replies and HTTP status texts have no such run
    // (a provider's queue id that long is redacted too, which costs a diagnostic, never a secret). A quoted-
    // printable body (which a server reply may quote) wraps long lines with a soft line break "=" CRLF, which can
    // fall inside a token: the run continues across it, and only its base64url characters count.
    [GeneratedRegex(@"[A-Za-z0-9_-](?:[A-Za-z0-9_-]|=\r?\n)+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TokenLike();
}
