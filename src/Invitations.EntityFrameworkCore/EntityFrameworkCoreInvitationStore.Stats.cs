using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Invitations.EntityFrameworkCore;

// The statistics half of the EF Core store: index-served counts for health checks and gauges.
public sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    /// <inheritdoc />
    /// <remarks>
    /// Three reads, each served by an existing index: the due count and the earliest due time by
    /// <c>(status, due_at)</c>, the pending count by <c>(state, expires_at)</c>.
    /// </remarks>
    public ValueTask<InvitationStoreStats?> GetStatsAsync(Instant now, CancellationToken cancellationToken) =>
        RunAsync<InvitationStoreStats?>(
            async (context, _, ct) =>
            {
                var due = context.Set<OutboxRow>().AsNoTracking().Where(r => r.Status == (int)OutboxItemStatus.Pending && r.DueAt <= now);
                var count = await due.LongCountAsync(ct).ConfigureAwait(false);
                Instant? oldest = count == 0 ? null : await due.OrderBy(r => r.DueAt).Select(r => r.DueAt).FirstAsync(ct).ConfigureAwait(false);
                const int initiated = (int)InvitationState.Initiated;
                const int reinitiated = (int)InvitationState.Reinitiated;
                var pending = await context.Set<InvitationRow>().AsNoTracking()
                    .LongCountAsync(r => (r.State == initiated || r.State == reinitiated) && r.ExpiresAt > now, ct).ConfigureAwait(false);
                return new InvitationStoreStats { DueOutboxItems = count, OldestDueAt = oldest, PendingInvitations = pending };
            },
            cancellationToken);
}
