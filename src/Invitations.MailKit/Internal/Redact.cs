namespace Invitations.MailKit.Internal;

/// <summary>Redacts personal data before it reaches a log.</summary>
internal static class Redact
{
    /// <summary>Keeps the first character of the local part and the domain: <c>j***@example.com</c>.</summary>
    /// <param name="address">An e-mail address.</param>
    /// <returns>The redacted address.</returns>
    public static string Email(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "(none)";
        }

        var at = address.LastIndexOf('@');
        if (at <= 0)
        {
            return "***";
        }

        var first = char.IsAsciiLetterOrDigit(address[0]) ? address[0].ToString() : "*";
        return first + "***" + address[at..];
    }

    /// <summary>Replaces every occurrence of <paramref name="address"/> in <paramref name="text"/> by its redacted form.</summary>
    /// <param name="text">A server reply or error message.</param>
    /// <param name="address">The recipient's address.</param>
    /// <returns>The text without the full address.</returns>
    public static string EmailIn(string text, string? address) =>
        string.IsNullOrEmpty(address) ? text : text.Replace(address, Email(address), StringComparison.OrdinalIgnoreCase);
}
