using System.ComponentModel.DataAnnotations;
using System.Net.Security;
using Invitations.Internal;

namespace Invitations.MailKit;

/// <summary>
/// Settings of <see cref="SmtpMessageSender"/>. Validated when the host starts
/// (<c>ValidateOnStart</c>) and again when the sender is created. Bind them from configuration with
/// <c>UseMailKit(configuration.GetSection("Invitations:Smtp"))</c>; a duration is written <c>00:00:30</c> or <c>PT30S</c>.
/// </summary>
public sealed class SmtpSenderOptions
{
    /// <summary>The SMTP server's host name or IP address. Required.</summary>
    /// <value>The default is empty.</value>
    public string Host { get; set; } = "";

    /// <summary>The SMTP server's port.</summary>
    /// <value>The default is 587 (submission with STARTTLS).</value>
    [Bounds(1, 65535, ErrorMessage = "SmtpSenderOptions.Port must be between 1 and 65535, for example 587 (StartTls) or 465 (SslOnConnect).")]
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured.</summary>
    /// <value>The default is <see cref="SmtpSecurity.StartTls"/>.</value>
    [EnumDataType(typeof(SmtpSecurity), ErrorMessage = "SmtpSenderOptions.Security is not a known SmtpSecurity value; use None, StartTls or SslOnConnect.")]
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>The user name to authenticate with; null or empty for no authentication. Requires <see cref="Password"/>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? UserName { get; set; }

    /// <summary>The password to authenticate with. Never logged; keep it in a secret store.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Password { get; set; }

    /// <summary>
    /// The envelope sender and <c>From</c> address, for example <c>invitations@example.com</c>. Required.
    /// Its domain is also the right-hand side of every <c>Message-ID</c>.
    /// </summary>
    /// <value>The default is empty.</value>
    public string FromAddress { get; set; } = "";

    /// <summary>
    /// The <c>From</c> display name (the administrator's branding, never the inviter's or invitee's name). The
    /// message's own name replaces it only when <see cref="AllowMessageOverrides"/> allows it.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? FromName { get; set; }

    /// <summary>The <c>Reply-To</c> address (the message's only when <see cref="AllowMessageOverrides"/> allows it).</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? ReplyTo { get; set; }

    /// <summary>
    /// Which of a message's sender values may replace <see cref="FromName"/> and <see cref="ReplyTo"/>
    /// (<see cref="MailSenderOverrides.None"/> by default: the configured ones are always used, so an invite request's
    /// branding <c>fromName</c> cannot name the sender). Set <see cref="MailSenderOverrides.FromName"/> to let
    /// per-request branding (or Core's <c>DefaultFromName</c>) through.
    /// </summary>
    public MailSenderOverrides AllowMessageOverrides { get; set; }

    /// <summary>
    /// The longest one message's SMTP dialogue may take, connecting, authenticating and one reconnection included
    /// (the wait for the shared connection while another message is being sent is not counted). An attempt that
    /// takes longer ends as a transient failure.
    /// </summary>
    /// <value>The default is 30 seconds.</value>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "00:30:00", ErrorMessage = "SmtpSenderOptions.Timeout must be positive and at most 30 minutes, for example 00:00:30.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the server certificate's revocation status is checked.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool CheckCertificateRevocation { get; set; } = true;

    /// <summary>
    /// Validates the server's TLS certificate instead of the platform's default validation, for example to
    /// trust a test server's self-signed certificate. Not bound from configuration.
    /// </summary>
    /// <value>The default is <see langword="null"/>: the platform's validation.</value>
    public RemoteCertificateValidationCallback? ServerCertificateValidationCallback { get; set; }
}
