using Microsoft.Extensions.Logging;

namespace Invitations.Sms.Internal;

/// <summary>Source-generated log messages. Numbers are always redacted; the text is never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Sent SMS {MessageId} to {Recipient} (HTTP {StatusCode})")]
    public static partial void Sent(ILogger logger, string messageId, string recipient, int statusCode);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "SMS {MessageId} to {Recipient} failed transiently: {Detail}")]
    public static partial void TransientFailure(ILogger logger, string messageId, string recipient, string detail);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "SMS {MessageId} to {Recipient} failed permanently: {Detail}")]
    public static partial void PermanentFailure(ILogger logger, string messageId, string recipient, string detail);
}
