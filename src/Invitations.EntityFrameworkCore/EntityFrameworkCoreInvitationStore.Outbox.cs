using Invitations.EntityFrameworkCore;
using Invitations.EntityFrameworkCore.Providers;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Invitations.EntityFrameworkCore;

// The outbox half of the EF Core store: lease-safe claims, completion, release, failure and purge.
public sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxItem>> ClaimOutboxAsync(OutboxClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentException.ThrowIfNullOrEmpty(claim.Owner, nameof(claim));
        if (claim.MaxItems < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(claim), claim.MaxItems, "MaxItems must be at least 1.");
        }

        if (claim.LeaseDuration <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(claim), claim.LeaseDuration, "LeaseDuration must be positive.");
        }

        return RunAsync<IReadOnlyList<OutboxItem>>(
            async (context, provider, ct) =>
            {
                var rows = await provider.ClaimAsync(context, claim, ct).ConfigureAwait(false);
                var items = new List<OutboxItem>(rows.Count);
                foreach (var row in rows.OrderBy(r => r.InvitationId).ThenBy(r => r.Kind).ThenBy(r => r.Lane, StringComparer.Ordinal).ThenBy(r => r.Sequence))
                {
                    var item = RowMapper.ToItem(row, _protector);
                    if (item.Kind == OutboxItemKind.Message && item.Message is null)
                    {
                        // Encrypted under a key this host's key ring does not hold (a lost or unshared key ring):
                        // no retry can send it, and handing it on would fail the dispatcher's whole batch.
                        await FailUndecryptableAsync(context, row, claim.Now, ct).ConfigureAwait(false);
                        continue;
                    }

                    items.Add(item);
                }

                return items;
            },
            cancellationToken,
            write: true);
    }

    /// <inheritdoc />
    public ValueTask<bool> CompleteOutboxAsync(OutboxItemId id, string owner, Instant now, CancellationToken cancellationToken) =>
        FinishAsync(id, owner, OutboxItemStatus.Delivered, now, error: null, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> ReleaseOutboxAsync(OutboxItemId id, string owner, Instant dueAt, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var key = id.Value;
        return RunAsync(
            async (context, _, ct) => await OutboxStatements.For(context).ReleaseAsync(context, key, owner, dueAt, error, ct).ConfigureAwait(false) == 1,
            cancellationToken,
            write: true);
    }

    /// <inheritdoc />
    public ValueTask<bool> FailOutboxAsync(OutboxItemId id, string owner, Instant now, string error, CancellationToken cancellationToken) =>
        FinishAsync(id, owner, OutboxItemStatus.Failed, now, error, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> PurgeOutboxAsync(Instant before, int maxItems, CancellationToken cancellationToken)
    {
        if (maxItems < 1)
        {
            return ValueTask.FromResult(0);
        }

        Instant? cutOff = before;
        return RunAsync(
            async (context, _, ct) =>
            {
                var set = context.Set<OutboxRow>();
                var ids = await set
                    .Where(r => r.Status != (int)OutboxItemStatus.Pending && r.CompletedAt < cutOff)
                    .OrderBy(r => r.CompletedAt)
                    .Select(r => r.Id)
                    .Take(maxItems)
                    .ToListAsync(ct).ConfigureAwait(false);
                if (ids.Count == 0)
                {
                    return 0;
                }

                return await set
                    .Where(r => ids.Contains(r.Id) && r.Status != (int)OutboxItemStatus.Pending)
                    .ExecuteDeleteAsync(ct).ConfigureAwait(false);
            },
            cancellationToken,
            write: true);
    }

    /// <summary>Marks a claimed message that cannot be decrypted as failed, with the reason, and drops its payload.</summary>
    private static Task<int> FailUndecryptableAsync(TContext context, OutboxRow row, Instant now, CancellationToken cancellationToken)
    {
        var key = row.Id;
        var owner = row.LeaseOwner;
        Instant? completedAt = now;
        const string error = "the message cannot be decrypted: its Data Protection key is not in this host's key ring";
        return context.Set<OutboxRow>()
            .Where(r => r.Id == key && r.LeaseOwner == owner && r.Status == (int)OutboxItemStatus.Pending)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, (int)OutboxItemStatus.Failed)
                    .SetProperty(r => r.CompletedAt, completedAt)
                    .SetProperty(r => r.LeaseExpiresAt, (Instant?)null)
                    .SetProperty(r => r.LastError, error)
                    .SetProperty(r => r.Payload, (string?)null),
                cancellationToken);
    }

    private async ValueTask<bool> FinishAsync(OutboxItemId id, string owner, OutboxItemStatus status, Instant now, string? error, CancellationToken cancellationToken) =>
        await FinishAsync([id.Value], owner, status, now, error, cancellationToken).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public ValueTask<int> CompleteOutboxAsync(IReadOnlyList<OutboxItemId> ids, string owner, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return ValueTask.FromResult(0);
        }

        var keys = new List<Guid>(ids.Count);
        foreach (var id in ids)
        {
            keys.Add(id.Value);
        }

        return FinishAsync(keys, owner, OutboxItemStatus.Delivered, now, error: null, cancellationToken);
    }

    /// <summary>
    /// Ends the owner's lease on the items in one raw statement (<see cref="OutboxStatements"/>), at the connection's own
    /// durability (no pragma or session setting is changed per write): delivered or failed, a message's body dropped.
    /// </summary>
    private ValueTask<int> FinishAsync(List<Guid> keys, string owner, OutboxItemStatus status, Instant now, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return RunAsync(
            (context, _, ct) => OutboxStatements.For(context).FinishAsync(context, keys, owner, status, now, error, ct),
            cancellationToken,
            write: true);
    }
}
