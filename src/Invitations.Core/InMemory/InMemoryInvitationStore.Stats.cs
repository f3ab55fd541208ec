using NodaTime;

namespace Invitations;

// The statistics half of the in-memory store: the outbox backlog and the pending invitations, for health checks and gauges.
public sealed partial class InMemoryInvitationStore
{
    /// <inheritdoc />
    public ValueTask<InvitationStoreStats?> GetStatsAsync(Instant now, CancellationToken cancellationToken)
    {
        long due = 0, pending = 0;
        Instant? oldest = null;
        lock (_gate)
        {
            foreach (var item in _outboxPending.Values)
            {
                if (item.DueAt <= now)
                {
                    due++;
                    oldest = oldest is { } o && o <= item.DueAt ? o : item.DueAt;
                }
            }

            foreach (var id in _pendingByRecipient.Values)
            {
                pending += _byId[id].ExpiresAt > now ? 1 : 0;
            }
        }

        return ValueTask.FromResult<InvitationStoreStats?>(new InvitationStoreStats { DueOutboxItems = due, OldestDueAt = oldest, PendingInvitations = pending });
    }
}
