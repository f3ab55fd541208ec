using System.Text.RegularExpressions;

namespace Invitations.Sms.Internal;

/// <summary>The defensive second cut of SMS text, by length and by segments; never cuts inside a link.</summary>
internal static partial class SmsText
{
    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    /// <summary>
    /// Cuts <paramref name="text"/> to fit <paramref name="budget"/>. The first link is kept whole: the text before it
    /// is shortened first (at a word boundary), then the text after it. A later link that does not fit is dropped whole,
    /// never cut. A surrogate pair is never split (an extension character is one <see cref="char"/>, so its escape
    /// sequence cannot be split either).
    /// </summary>
    /// <param name="text">The rendered SMS text.</param>
    /// <param name="budget">The most code units and segments.</param>
    /// <returns>The cut text, or null when the first link alone does not fit <paramref name="budget"/>.</returns>
    public static string? Cut(string text, SmsBudget budget)
    {
        if (budget.Fits(text))
        {
            return text;
        }

        var link = Url().Match(text);
        if (!link.Success)
        {
            return CutPlain(string.Empty, text, string.Empty, budget);
        }

        if (!budget.Fits(link.Value))
        {
            return null;
        }

        var before = text[..link.Index];
        var after = text[(link.Index + link.Length)..];
        if (!budget.Fits(before, link.Value))
        {
            // Keep the beginning (the greeting) and a space before the link; drop what follows the link.
            var kept = CutPlain(string.Empty, before, " " + link.Value, budget);
            return kept.Length == 0 ? link.Value : kept + " " + link.Value;
        }

        return before + link.Value + CutAvoidingLinks(before + link.Value, after, budget);
    }

    // What of text may follow head: the text itself when it fits, else cut before a link it would break.
    private static string CutAvoidingLinks(string head, string text, SmsBudget budget)
    {
        if (budget.Fits(head, text))
        {
            return text;
        }

        var cut = LongestPrefix(head, text, string.Empty, budget);
        foreach (Match link in Url().Matches(text))
        {
            if (link.Index < cut && link.Index + link.Length > cut)
            {
                return text[..link.Index].TrimEnd();
            }
        }

        return AtWordBoundary(text, cut);
    }

    // The longest prefix of text (trimmed, preferably at a word boundary) that fits between head and tail; empty when none.
    private static string CutPlain(string head, string text, string tail, SmsBudget budget)
    {
        var cut = LongestPrefix(head, text, tail, budget);
        return cut < 0 ? string.Empty : AtWordBoundary(text, cut);
    }

    private static string AtWordBoundary(string text, int cut)
    {
        if (cut >= text.Length)
        {
            return text;
        }

        // Prefer a word boundary in the last third. A shorter prefix still fits: removing characters never adds a
        // code unit or a segment (SmsSegmentCounter).
        var space = text.LastIndexOf(' ', cut, cut + 1);
        if (space >= cut * 2 / 3 && space > 0)
        {
            cut = space;
        }

        return text[..cut].TrimEnd();
    }

    /// <summary>
    /// The largest k such that head + text[..k] + tail fits, with k never inside a surrogate pair; -1 when not even
    /// k = 0 fits. A binary search: the cost only grows with k. Only lengths that were checked are returned.
    /// </summary>
    private static int LongestPrefix(string head, string text, string tail, SmsBudget budget)
    {
        if (!budget.Fits(head, ReadOnlySpan<char>.Empty, tail))
        {
            return -1;
        }

        int lo = 0, hi = text.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo + 1) / 2);
            if (mid < text.Length && char.IsHighSurrogate(text[mid - 1]) && char.IsLowSurrogate(text[mid]))
            {
                // mid is inside a pair, not a candidate: try the cut after the pair instead.
                mid++;
                if (mid <= hi && budget.Fits(head, text.AsSpan(0, mid), tail))
                {
                    lo = mid;
                }
                else
                {
                    hi = mid - 2;
                }
            }
            else if (budget.Fits(head, text.AsSpan(0, mid), tail))
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }
}
