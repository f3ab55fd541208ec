using System.Text.RegularExpressions;

namespace Invitations.Diagnostics;

/// <summary>
/// Removes anything token-shaped from text that came back from a sender or sink (an error that quotes the
/// message it failed to send would otherwise carry the live link into logs, the outbox and a webhook).
/// </summary>
internal static partial class SecretScrubber
{
    private const int MaxLength = 1000;

    public static string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var scrubbed = TokenLike().Replace(text, "[redacted]");
        return scrubbed.Length > MaxLength ? scrubbed[..MaxLength] : scrubbed;
    }

    // 32+ base64url characters: our tokens are 43; no SMTP reply or HTTP status text has such a run.
    [GeneratedRegex("[A-Za-z0-9_-]{32,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TokenLike();
}
