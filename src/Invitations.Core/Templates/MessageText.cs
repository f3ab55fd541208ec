using System.Text;

namespace Invitations.Templates;

/// <summary>Post-processing of rendered subjects, text bodies and SMS.</summary>
internal static class MessageText
{
    /// <summary>
    /// Makes a subject single-line: every run of CR, LF, NUL, TAB, U+0085, U+2028, U+2029 (and any other
    /// control character) becomes one space; the result is trimmed. Returns the input when nothing changes.
    /// </summary>
    public static string Subject(string text)
    {
        var i = 0;
        while (i < text.Length && !IsSubjectBreak(text[i]))
        {
            i++;
        }

        if (i == text.Length)
        {
            return text.Trim();
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, i);
        var pendingSpace = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (IsSubjectBreak(c) || c == ' ')
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString().Trim();
    }

    /// <summary>
    /// Cleans a plain-text body or SMS: CRLF and CR become LF; other control characters (including TAB,
    /// NUL and U+0085) are removed; U+2028/U+2029 become LF. Returns the input when nothing changes.
    /// </summary>
    public static string PlainText(string text)
    {
        var i = 0;
        while (i < text.Length && !NeedsCleaning(text[i]))
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c is '\u2028' or '\u2029')
            {
                builder.Append('\n');
            }
            else if (!NeedsCleaning(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Caps an SMS at <paramref name="maxLength"/> characters without cutting <paramref name="link"/>: the text
    /// around the link is shortened (the text after the link first). A link longer than the cap is kept whole.
    /// </summary>
    public static string CapSms(string text, string? link, int maxLength)
    {
        text = text.Trim();
        if (text.Length <= maxLength)
        {
            return text;
        }

        var index = string.IsNullOrEmpty(link) ? -1 : text.IndexOf(link, StringComparison.Ordinal);
        if (index < 0)
        {
            return Cut(text, maxLength);
        }

        if (link!.Length >= maxLength)
        {
            return link;
        }

        var prefix = text[..index];
        var suffix = text[(index + link.Length)..];
        var budget = maxLength - link.Length;
        if (prefix.Length <= budget)
        {
            return prefix + link + Cut(suffix, budget - prefix.Length);
        }

        // Prefix too long: shorten it at a word boundary and keep a separator before the link.
        var cutPrefix = Cut(prefix, budget - 1).TrimEnd();
        return cutPrefix.Length == 0 ? link : cutPrefix + " " + link;
    }

    private static string Cut(string text, int length)
    {
        if (length <= 0)
        {
            return string.Empty;
        }

        if (text.Length <= length)
        {
            return text;
        }

        if (char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        var space = text.LastIndexOf(' ', length);
        if (space > length / 2)
        {
            length = space;
        }

        return text[..length].TrimEnd();
    }

    private static bool IsSubjectBreak(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    private static bool NeedsCleaning(char c) => (char.IsControl(c) && c != '\n') || c is '\u2028' or '\u2029';
}
