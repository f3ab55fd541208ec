using System.Net;
using Microsoft.Extensions.Options;

namespace Invitations.MailKit.Internal;

/// <summary>Validates <see cref="SmtpSenderOptions"/> at startup.</summary>
internal sealed class SmtpSenderOptionsValidator : IValidateOptions<SmtpSenderOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpSenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host) || options.Host.Any(char.IsWhiteSpace) || !HeaderSafety.IsSafe(options.Host, out _))
        {
            failures.Add("SmtpSenderOptions.Host is required (a host name or IP address).");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add("SmtpSenderOptions.Port must be between 1 and 65535.");
        }

        if (!Enum.IsDefined(options.Security))
        {
            failures.Add("SmtpSenderOptions.Security is not a known SmtpSecurity value.");
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

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(30))
        {
            failures.Add("SmtpSenderOptions.Timeout must be positive and at most 30 minutes.");
        }

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

/// <summary>Validates <see cref="PickupDirectoryOptions"/> at startup.</summary>
internal sealed class PickupDirectoryOptionsValidator : IValidateOptions<PickupDirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, PickupDirectoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            failures.Add("PickupDirectoryOptions.Directory is required.");
        }

        SmtpSenderOptionsValidator.AddMailFailures(failures, "PickupDirectoryOptions", options.FromAddress, options.FromName, options.ReplyTo, options.AllowMessageOverrides);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
