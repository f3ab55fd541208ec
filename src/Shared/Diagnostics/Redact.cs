namespace Invitations.Diagnostics;

/// <summary>
/// Redacts a recipient address before it reaches a log or a failure detail: <c>j***@example.com</c> for an e-mail
/// address, <c>+49*******78</c> for a phone number. One format for Core and every adapter (linked source from
/// <c>src/Shared</c>), so an operator greps one shape whatever package wrote the line.
/// </summary>
internal static class Redact
{
    /// <summary>Redacts an e-mail address (keeps the first character and the domain) or a phone number (keeps the
    /// first three and the last two characters).</summary>
    /// <param name="address">An e-mail address or an E.164 number.</param>
    /// <returns>The redacted form; <c>(none)</c> for null or empty, <c>***</c> when too short to keep anything.</returns>
    public static string Address(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "(none)";
        }

        var at = address.LastIndexOf('@');
        if (at > 0)
        {
            // A first character that is not a letter or digit could be a quote or a control: never echo it.
            var first = char.IsAsciiLetterOrDigit(address[0]) ? address[0] : '*';
            return string.Concat(new ReadOnlySpan<char>(in first), "***", address.AsSpan(at));
        }

        if (at == 0 || address.Length <= 5)
        {
            return "***";
        }

        return string.Concat(address.AsSpan(0, 3), new string('*', address.Length - 5), address.AsSpan(address.Length - 2));
    }

    /// <summary>Replaces every occurrence of <paramref name="address"/> in <paramref name="text"/> by its redacted form.</summary>
    /// <param name="text">A server reply or error message.</param>
    /// <param name="address">The recipient's address.</param>
    /// <returns>The text without the full address.</returns>
    public static string AddressIn(string text, string? address) =>
        string.IsNullOrEmpty(address) ? text : text.Replace(address, Address(address), StringComparison.OrdinalIgnoreCase);
}
