namespace Invitations.MailKit;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text, no TLS. Only for a relay on the same machine or in tests.</summary>
    None = 0,

    /// <summary>Connect in plain text, then require <c>STARTTLS</c> (port 587). Fails when the server does not offer it.</summary>
    StartTls = 1,

    /// <summary>Use <c>STARTTLS</c> when the server offers it, plain text otherwise (opportunistic; not recommended).</summary>
    StartTlsWhenAvailable = 2,

    /// <summary>TLS from the first byte (implicit TLS, port 465).</summary>
    SslOnConnect = 3,
}
