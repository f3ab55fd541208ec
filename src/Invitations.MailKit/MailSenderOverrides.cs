namespace Invitations.MailKit;

/// <summary>
/// Which sender values of an <see cref="OutgoingMessage"/> may replace the ones configured on the sender
/// (<see cref="SmtpSenderOptions.AllowMessageOverrides"/>, <see cref="PickupDirectoryOptions.AllowMessageOverrides"/>).
/// A message's <see cref="OutgoingMessage.FromName"/> can come from an invite request's branding, so a request could
/// otherwise put <c>Acme Security Team &lt;security@bank.example&gt;</c> in front of the real From address.
/// </summary>
[Flags]
public enum MailSenderOverrides
{
    /// <summary>The configured <c>FromName</c> and <c>ReplyTo</c> are always used; the message's are ignored (the default).</summary>
    None = 0,

    /// <summary>
    /// The message's <see cref="OutgoingMessage.FromName"/> (a request's branding <c>fromName</c> or Core's
    /// <c>DefaultFromName</c>) replaces the configured one, unless it looks like an address (contains <c>@</c>,
    /// <c>&lt;</c> or <c>&gt;</c>): then the configured name is used.
    /// </summary>
    FromName = 1,

    /// <summary>The message's <see cref="OutgoingMessage.ReplyTo"/> replaces the configured one.</summary>
    ReplyTo = 2,
}
