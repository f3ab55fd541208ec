using System.Diagnostics.CodeAnalysis;
using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace Invitations.MailKit.Internal;

/// <summary>Checks that a value can be placed in a message header without starting a new header.</summary>
internal static class HeaderSafety
{
    /// <summary>
    /// Finds the first character that must never reach a header: CR, LF, NUL and the other C0 controls
    /// except TAB, DEL, U+0085 (NEL), U+2028 and U+2029; also inside RFC 2047 encoded-words.
    /// </summary>
    /// <param name="value">The header-bound value.</param>
    /// <param name="offending">The offending character when the method returns false.</param>
    /// <returns>True when the value is safe.</returns>
    public static bool IsSafe(string value, out char offending)
    {
        if (!IsSafeRaw(value, out offending))
        {
            return false;
        }

        // Defense in depth: an encoded-word such as =?utf-8?Q?a=0D=0AX-Evil:_1?= decodes to a line break
        // in any client that decodes headers; refuse it as well.
        if (value.Contains("=?", StringComparison.Ordinal))
        {
            string decoded;
            try
            {
                decoded = Rfc2047.DecodeText(Encoding.UTF8.GetBytes(value));
            }
            catch (ArgumentException)
            {
                decoded = value;
            }

            return IsSafeRaw(decoded, out offending);
        }

        return true;
    }

    private static bool IsSafeRaw(string value, out char offending)
    {
        foreach (var c in value)
        {
            if ((c < ' ' && c != '\t') || c == '\u007F' || c == '\u0085' || c == '\u2028' || c == '\u2029')
            {
                offending = c;
                return false;
            }
        }

        offending = default;
        return true;
    }

    /// <summary>Describes a refused value without repeating it (it may contain personal data).</summary>
    /// <param name="field">The header or field name.</param>
    /// <param name="offending">The offending character.</param>
    /// <returns>A message for <see cref="DeliveryResult.Detail"/> and logs.</returns>
    public static string Describe(string field, char offending) =>
        $"refused: the {field} value contains U+{(int)offending:X4} (a line break or control character); " +
        "header injection is not allowed";

    /// <summary>Whether <paramref name="name"/> is a valid RFC 5322 field name (ftext: printable US-ASCII except colon).</summary>
    /// <param name="name">The header name.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidFieldName(string name)
    {
        if (name.Length is 0 or > 76)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c < '!' || c > '~' || c == ':')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Parses a bare addr-spec (<c>local@domain</c>), refusing display names, lists, comments and anything
    /// MimeKit would silently rewrite.
    /// </summary>
    /// <param name="text">The address.</param>
    /// <param name="mailbox">The parsed mailbox when the method returns true.</param>
    /// <returns>True when <paramref name="text"/> is exactly one plain address.</returns>
    public static bool TryParseAddress(string? text, [NotNullWhen(true)] out MailboxAddress? mailbox)
    {
        mailbox = null;
        if (string.IsNullOrWhiteSpace(text) || !IsSafe(text, out _) || text.IndexOf('@', StringComparison.Ordinal) <= 0)
        {
            return false;
        }

        if (!MailboxAddress.TryParse(text, out var parsed) || !string.IsNullOrEmpty(parsed.Name) ||
            parsed.Route.Count != 0 || !IsSameAddress(parsed, text))
        {
            return false;
        }

        var domain = text[(text.LastIndexOf('@') + 1)..];
        if (domain.Length == 0)
        {
            return false;
        }

        mailbox = parsed;
        return true;
    }

    // MimeKit decodes a punycode domain (xn--bcher-kva.example) to Unicode (bücher.example) as it parses, and Core
    // stores IDN domains as punycode: compare the parsed address in its IDN-encoded form as well, so only a
    // rewrite that changes the address itself (a comment, a quoted local part, a route) is refused.
    private static bool IsSameAddress(MailboxAddress parsed, string text) =>
        string.Equals(parsed.Address, text, StringComparison.Ordinal) ||
        string.Equals(parsed.GetAddress(idnEncode: true), text, StringComparison.OrdinalIgnoreCase);

    /// <summary>The domain part of an address already accepted by <see cref="TryParseAddress"/>.</summary>
    /// <param name="address">The address.</param>
    /// <returns>The text after the last <c>@</c>.</returns>
    public static string DomainOf(string address) => address[(address.LastIndexOf('@') + 1)..];

    /// <summary>
    /// A Message-ID left-hand side derived only from <paramref name="messageId"/>: the id itself when it is
    /// dot-atom text, otherwise a SHA-256 hash of it, so every attempt for the same message carries the same
    /// Message-ID.
    /// </summary>
    /// <param name="messageId">The library's stable message id.</param>
    /// <returns>A valid msg-id left part.</returns>
    public static string MessageIdLocalPart(string messageId) =>
        IsDotAtom(messageId) ? messageId : "h" + HashHex(messageId);

    /// <summary>A file name stem derived only from <paramref name="messageId"/> (safe on every file system).</summary>
    /// <param name="messageId">The library's stable message id.</param>
    /// <returns>The id itself when it is made of letters, digits, dot, dash and underscore; otherwise a hash.</returns>
    public static string FileNameStem(string messageId)
    {
        var ok = messageId.Length is > 0 and <= 120 && messageId[0] != '.' && messageId[^1] != '.';
        foreach (var c in messageId)
        {
            ok &= char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_';
        }

        return ok ? messageId : "h" + HashHex(messageId);
    }

    private static bool IsDotAtom(string text)
    {
        if (text.Length is 0 or > 200 || text[0] == '.' || text[^1] == '.' || text.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or
                    '-' or '/' or '=' or '?' or '^' or '_' or '`' or '{' or '|' or '}' or '~'))
            {
                return false;
            }
        }

        return true;
    }

    private static string HashHex(string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
