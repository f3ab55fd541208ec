using NodaTime;

namespace Invitations;

/// <summary>
/// What a store reports for health checks and gauges (<see cref="IInvitationStore.GetStatsAsync"/>): the outbox backlog
/// and the pending invitations at one moment.
/// </summary>
public sealed record InvitationStoreStats
{
    /// <summary>Outbox items still pending whose <see cref="OutboxItem.DueAt"/> has come (leased or not): the backlog.</summary>
    public required long DueOutboxItems { get; init; }

    /// <summary>The earliest <see cref="OutboxItem.DueAt"/> among those items, or null when there are none.</summary>
    public Instant? OldestDueAt { get; init; }

    /// <summary>Invitations whose stored state is pending (Initiated or Reinitiated) and whose link has not expired.</summary>
    public required long PendingInvitations { get; init; }
}
