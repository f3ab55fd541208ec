namespace Invitations.Validation;

/// <summary>Character rules shared by every free-text field.</summary>
internal static class TextRules
{
    /// <summary>
    /// True when <paramref name="value"/> has a control character, a line or paragraph separator
    /// (U+0085, U+2028, U+2029), a bidi override, or a lone surrogate: nothing a name, a subject or a
    /// header may carry (SECURITY 3.1).
    /// </summary>
    public static bool HasForbiddenCharacters(string value, bool allowNewLines = false)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (allowNewLines && c is '\n' or '\r')
            {
                continue;
            }

            if (char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                return true;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return true;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="value"/> contains an RFC 2047 encoded word (<c>=?charset?Q?…?=</c>): a mail
    /// client decodes it, so it could smuggle a line break into a header past <see cref="HasForbiddenCharacters"/>.
    /// People do not type encoded words, so header-bound values refuse them outright.
    /// </summary>
    public static bool HasEncodedWord(string value)
    {
        var start = value.IndexOf("=?", StringComparison.Ordinal);
        return start >= 0 && value.IndexOf("?=", start + 2, StringComparison.Ordinal) > start;
    }

    /// <summary>True for an absolute https URL without user info, or (when <paramref name="allowHttpLoopback"/>) an http URL on localhost.</summary>
    public static bool IsSafeAbsoluteUrl(string value, bool allowHttpLoopback)
    {
        if (HasForbiddenCharacters(value) || value.Contains('\\', StringComparison.Ordinal) || value.Contains(' ', StringComparison.Ordinal)
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.IsFile || uri.HostNameType == UriHostNameType.Unknown)
        {
            return false;
        }

        // A scheme-relative or backslash trick parses as another scheme; require the literal prefix too.
        if (uri.Scheme == Uri.UriSchemeHttps && value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return allowHttpLoopback && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && value.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
    }
}
