using Microsoft.Extensions.Logging;

namespace Invitations.Reminders;

/// <summary>Source-generated log messages of reminders (no address, token or link ever).</summary>
internal static partial class ReminderLog
{
    [LoggerMessage(160, LogLevel.Information, "Invitation {InvitationId} reminded (reminder {Reminder})")]
    public static partial void Reminded(ILogger logger, InvitationId invitationId, int reminder);

    [LoggerMessage(161, LogLevel.Warning, "The reminder of invitation {InvitationId} could not be composed: {Code}")]
    public static partial void NotComposed(ILogger logger, InvitationId invitationId, string code);

    [LoggerMessage(162, LogLevel.Error, "The reminder of invitation {InvitationId} failed; it is tried again on the next sweep")]
    public static partial void Faulted(ILogger logger, InvitationId invitationId, Exception exception);
}
