namespace Invitations.Sms.Internal;

/// <summary>Redacts personal data before it reaches a log or a failure detail.</summary>
internal static class Redact
{
    /// <summary>Keeps the leading <c>+</c> and the last two digits: <c>+*********67</c>.</summary>
    /// <param name="number">A phone number.</param>
    /// <returns>The redacted number.</returns>
    public static string Phone(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return "(none)";
        }

        if (number.Length <= 4)
        {
            return "***";
        }

        var prefix = number[0] == '+' ? "+" : string.Empty;
        return prefix + new string('*', number.Length - prefix.Length - 2) + number[^2..];
    }
}
