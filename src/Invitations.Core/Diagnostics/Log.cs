using Microsoft.Extensions.Logging;

namespace Invitations.Diagnostics;

/// <summary>Source-generated log messages. Addresses are always passed through <see cref="Redact"/>; tokens and links never appear.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Invitation {InvitationId} created for {Recipient} by {InviterId} ({Channel}, sent: {Sent})")]
    public static partial void Created(ILogger logger, InvitationId invitationId, string recipient, string inviterId, MessageChannel channel, bool sent);

    [LoggerMessage(2, LogLevel.Information, "Invitation {InvitationId} resent (resend {ResendCount})")]
    public static partial void Resent(ILogger logger, InvitationId invitationId, int resendCount);

    [LoggerMessage(3, LogLevel.Information, "Invitation {InvitationId} accepted by subject {SubjectId}")]
    public static partial void Accepted(ILogger logger, InvitationId invitationId, string subjectId);

    [LoggerMessage(4, LogLevel.Information, "Invitation {InvitationId} revoked by {ActorId}")]
    public static partial void Revoked(ILogger logger, InvitationId invitationId, string actorId);

    [LoggerMessage(5, LogLevel.Information, "Invitation {InvitationId} rejected by the invitee")]
    public static partial void Rejected(ILogger logger, InvitationId invitationId);

    [LoggerMessage(6, LogLevel.Information, "Invitation {InvitationId} expired")]
    public static partial void Expired(ILogger logger, InvitationId invitationId);

    [LoggerMessage(7, LogLevel.Debug, "Invitation operation refused: {Code}")]
    public static partial void Refused(ILogger logger, string code);

    [LoggerMessage(10, LogLevel.Warning, "Delivery of {Kind} {ItemId} for invitation {InvitationId} failed (attempt {Attempt}), retrying at {DueAt}: {Error}")]
    public static partial void DeliveryRetry(ILogger logger, OutboxItemKind kind, OutboxItemId itemId, InvitationId invitationId, int attempt, NodaTime.Instant dueAt, string error);

    [LoggerMessage(11, LogLevel.Error, "Delivery of {Kind} {ItemId} for invitation {InvitationId} gave up after {Attempts} attempts: {Error}")]
    public static partial void DeliveryGaveUp(ILogger logger, OutboxItemKind kind, OutboxItemId itemId, InvitationId invitationId, int attempts, string error);

    [LoggerMessage(12, LogLevel.Error, "Outbox dispatch round failed")]
    public static partial void DispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(13, LogLevel.Debug, "Message {ItemId} for invitation {InvitationId} skipped: a newer send superseded it")]
    public static partial void MessageSuperseded(ILogger logger, OutboxItemId itemId, InvitationId invitationId);

    [LoggerMessage(14, LogLevel.Error, "No message sender accepts channel {Channel}; message {ItemId} stays in the outbox")]
    public static partial void NoSender(ILogger logger, MessageChannel channel, OutboxItemId itemId);

    [LoggerMessage(20, LogLevel.Information, "Retention purge deleted {OutboxItems} outbox items and {Invitations} closed invitations")]
    public static partial void Purged(ILogger logger, int outboxItems, int invitations);

    [LoggerMessage(21, LogLevel.Information, "Erasure request deleted {Invitations} invitations and {OutboxItems} outbox items")]
    public static partial void Erased(ILogger logger, int invitations, int outboxItems);

    [LoggerMessage(22, LogLevel.Error, "Invitation maintenance round (expiry sweep, retention) failed")]
    public static partial void MaintenanceFailed(ILogger logger, Exception exception);

    [LoggerMessage(23, LogLevel.Error, "Bulk invitation run {RunId} stopped by an error")]
    public static partial void BulkRunFailed(ILogger logger, string runId, Exception exception);
}
