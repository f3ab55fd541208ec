using Microsoft.Extensions.Logging;

namespace Invitations.Sms.Internal;

/// <summary>Source-generated log messages. Numbers are always redacted; the text is never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Sent SMS {MessageId} to {Recipient} (HTTP {StatusCode}, {Segments} {Encoding} segments)")]
    public static partial void Sent(ILogger logger, string messageId, string recipient, int statusCode, int segments, SmsEncoding encoding);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "SMS {MessageId} to {Recipient} failed transiently: {Detail}")]
    public static partial void TransientFailure(ILogger logger, string messageId, string recipient, string detail);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "SMS {MessageId} to {Recipient} failed permanently: {Detail}")]
    public static partial void PermanentFailure(ILogger logger, string messageId, string recipient, string detail);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "SMS {MessageId} text cut from {OriginalLength} to {Length} UTF-16 code units ({Segments} {Encoding} segments)")]
    public static partial void TextCut(ILogger logger, string messageId, int originalLength, int length, int segments, SmsEncoding encoding);
}
