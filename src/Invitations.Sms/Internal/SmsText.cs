using System.Text.RegularExpressions;

namespace Invitations.Sms.Internal;

/// <summary>The defensive second length cut of SMS text; never cuts inside a link.</summary>
internal static partial class SmsText
{
    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    /// <summary>
    /// Cuts <paramref name="text"/> to at most <paramref name="maxLength"/> characters. The first link is kept whole:
    /// the text before it is shortened first (at a word boundary), then the text after it. A later link that does
    /// not fit is dropped whole, never cut.
    /// </summary>
    /// <param name="text">The rendered SMS text.</param>
    /// <param name="maxLength">The maximum length.</param>
    /// <returns>The cut text, or null when the first link alone is longer than <paramref name="maxLength"/>.</returns>
    public static string? Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var link = Url().Match(text);
        if (!link.Success)
        {
            return CutPlain(text, maxLength);
        }

        if (link.Length > maxLength)
        {
            return null;
        }

        var before = text[..link.Index];
        var after = text[(link.Index + link.Length)..];
        var budget = maxLength - link.Length;
        if (before.Length > budget)
        {
            // Keep the beginning (the greeting) and a space before the link; drop what follows the link.
            before = budget >= 2 ? CutPlain(before, budget - 1).TrimEnd() : string.Empty;
            before = before.Length == 0 ? string.Empty : before + " ";
            return before + link.Value;
        }

        return before + link.Value + CutAvoidingLinks(after, budget - before.Length);
    }

    private static string CutAvoidingLinks(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        foreach (Match link in Url().Matches(text))
        {
            if (link.Index < maxLength && link.Index + link.Length > maxLength)
            {
                return text[..link.Index].TrimEnd();
            }
        }

        return CutPlain(text, maxLength);
    }

    private static string CutPlain(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        // Prefer a word boundary in the last third.
        var space = text.LastIndexOf(' ', cut, cut + 1);
        if (space >= cut * 2 / 3 && space > 0)
        {
            cut = space;
        }

        return text[..cut].TrimEnd();
    }
}
