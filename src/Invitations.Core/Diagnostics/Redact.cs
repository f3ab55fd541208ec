namespace Invitations.Diagnostics;

/// <summary>Redacts personal data for logs: <c>j***@example.com</c>, <c>+49*******78</c>.</summary>
internal static class Redact
{
    public static string Address(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "(none)";
        }

        var at = address.LastIndexOf('@');
        if (at > 0)
        {
            return string.Concat(address.AsSpan(0, 1), "***", address.AsSpan(at));
        }

        return address.Length <= 4 ? "***" : string.Concat(address.AsSpan(0, 3), new string('*', address.Length - 5), address.AsSpan(address.Length - 2));
    }
}
