using System.Net;
using Microsoft.Extensions.Options;

namespace Invitations.MailKit.Internal;

/// <summary>
/// Validates <see cref="SmtpSenderOptions"/> at startup and when a sender is made: the declared bounds
/// (<see cref="SmtpSenderOptionsAttributeValidator"/>) first, then the rules that span fields or need parsing.
/// </summary>
internal sealed class SmtpSenderOptionsValidator : IValidateOptions<SmtpSenderOptions>
{
    private static readonly SmtpSenderOptionsAttributeValidator Attributes = new();

    public ValidateOptionsResult Validate(string? name, SmtpSenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(Attributes.Validate(name, options).Failures ?? []);
        if (string.IsNullOrWhiteSpace(options.Host) || options.Host.Any(char.IsWhiteSpace) || !HeaderSafety.IsSafe(options.Host, out _))
        {
            failures.Add("SmtpSenderOptions.Host is required (a host name or IP address).");
        }

        var hasUser = !string.IsNullOrEmpty(options.UserName);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        if (hasUser != hasPassword)
        {
            failures.Add("SmtpSenderOptions.UserName and Password must be set together.");
        }

        if (hasUser && options.Security == SmtpSecurity.None && !IsLoopback(options.Host))
        {
            failures.Add("SmtpSenderOptions: authenticating without TLS (Security = None) is only allowed to a loopback host; use StartTls or SslOnConnect.");
        }

        AddMailFailures(failures, "SmtpSenderOptions", options.FromAddress, options.FromName, options.ReplyTo, options.AllowMessageOverrides);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static void AddMailFailures(List<string> failures, string type, string? fromAddress, string? fromName, string? replyTo, MailSenderOverrides overrides)
    {
        if ((overrides & ~(MailSenderOverrides.FromName | MailSenderOverrides.ReplyTo)) != 0)
        {
            failures.Add($"{type}.AllowMessageOverrides is not a combination of MailSenderOverrides values.");
        }

        if (!HeaderSafety.TryParseAddress(fromAddress, out _))
        {
            failures.Add($"{type}.FromAddress is required and must be one plain e-mail address (local@domain).");
        }

        if (fromName is not null && !HeaderSafety.IsSafe(fromName, out _))
        {
            failures.Add($"{type}.FromName must not contain line breaks or control characters.");
        }

        if (!string.IsNullOrEmpty(replyTo) && !HeaderSafety.TryParseAddress(replyTo, out _))
        {
            failures.Add($"{type}.ReplyTo must be one plain e-mail address (local@domain).");
        }
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}

/// <summary>
/// Validates <see cref="PickupDirectoryOptions"/> at startup and when a sender is made: the declared bounds
/// (<see cref="PickupDirectoryOptionsAttributeValidator"/>) first, then the sender identity shared with SMTP.
/// </summary>
internal sealed class PickupDirectoryOptionsValidator : IValidateOptions<PickupDirectoryOptions>
{
    private static readonly PickupDirectoryOptionsAttributeValidator Attributes = new();

    public ValidateOptionsResult Validate(string? name, PickupDirectoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(Attributes.Validate(name, options).Failures ?? []);
        SmtpSenderOptionsValidator.AddMailFailures(failures, "PickupDirectoryOptions", options.FromAddress, options.FromName, options.ReplyTo, options.AllowMessageOverrides);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
