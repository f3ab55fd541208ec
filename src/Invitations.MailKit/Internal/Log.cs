using Microsoft.Extensions.Logging;

namespace Invitations.MailKit.Internal;

/// <summary>Source-generated log messages. Recipients are always redacted; bodies are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Connected to SMTP server {Host}:{Port} ({Security}, authenticated: {Authenticated})")]
    public static partial void Connected(ILogger logger, string host, int port, SmtpSecurity security, bool authenticated);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Sent e-mail {MessageId} to {Recipient}")]
    public static partial void Sent(ILogger logger, string messageId, string recipient);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "E-mail {MessageId} to {Recipient} failed transiently: {Detail}")]
    public static partial void TransientFailure(ILogger logger, string messageId, string recipient, string detail);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "E-mail {MessageId} to {Recipient} failed permanently: {Detail}")]
    public static partial void PermanentFailure(ILogger logger, string messageId, string recipient, string detail);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Reused SMTP connection failed ({Reason}); reconnecting once")]
    public static partial void Reconnecting(ILogger logger, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Wrote e-mail {MessageId} to {Recipient} into {Path}")]
    public static partial void WrotePickupFile(ILogger logger, string messageId, string recipient, string path);
}
