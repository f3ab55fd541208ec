using Invitations.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Invitations.EntityFrameworkCore;

/// <summary>The operations half of the EF Core store: the expiry work list, retention of closed invitations and erasure.</summary>
public sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    private const int Initiated = (int)InvitationState.Initiated;
    private const int Reinitiated = (int)InvitationState.Reinitiated;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InvitationData>> FindExpiredPendingAsync(Instant now, int maxItems, CancellationToken cancellationToken)
    {
        if (maxItems < 1)
        {
            return ValueTask.FromResult<IReadOnlyList<InvitationData>>([]);
        }

        // Served by ix_invitations_state_expires_at.
        return RunAsync<IReadOnlyList<InvitationData>>(
            async (context, _, ct) =>
            {
                var rows = await context.Set<InvitationRow>().AsNoTracking()
                    .Where(r => (r.State == Initiated || r.State == Reinitiated) && r.ExpiresAt <= now)
                    .OrderBy(r => r.ExpiresAt).ThenBy(r => r.Id)
                    .Take(maxItems)
                    .ToListAsync(ct).ConfigureAwait(false);
                return rows.ConvertAll(RowMapper.ToData);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeInvitationsAsync(Instant closedBefore, int maxItems, CancellationToken cancellationToken)
    {
        if (maxItems < 1)
        {
            return ValueTask.FromResult(0);
        }

        Instant? cutOff = closedBefore;
        return RunAsync(
            async (context, _, ct) =>
            {
                var ids = await context.Set<InvitationRow>()
                    .Where(r => r.State != Initiated && r.State != Reinitiated && r.ClosedAt < cutOff)
                    .OrderBy(r => r.ClosedAt)
                    .Select(r => r.Id)
                    .Take(maxItems)
                    .ToListAsync(ct).ConfigureAwait(false);
                if (ids.Count == 0)
                {
                    return 0;
                }

                var deleted = (await DeleteWithOutboxAsync(context, ids, ct).ConfigureAwait(false)).Invitations;
                _recent.Forget(ids);
                return deleted;
            },
            cancellationToken,
            write: true);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InvitationData>> FindByAddressAsync(string normalizedAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(normalizedAddress);

        // Case-insensitive on every provider through SQL lower(); erasure is rare, so a scan is acceptable here.
        var lower = normalizedAddress.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // string.ToLower() in the query is translated to SQL lower(): no .NET culture is involved.
        return RunAsync<IReadOnlyList<InvitationData>>(
            async (context, _, ct) =>
            {
                var rows = await context.Set<InvitationRow>().AsNoTracking()
                    .Where(r => r.Email == normalizedAddress || r.MobileNumber == normalizedAddress || r.DeliveryAddress == normalizedAddress
                        || (r.Email != null && r.Email.ToLower() == lower) || r.DeliveryAddress.ToLower() == lower)
                    .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
                    .ToListAsync(ct).ConfigureAwait(false);
                return rows.ConvertAll(RowMapper.ToData);
            },
            cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
    }

    /// <inheritdoc />
    public ValueTask<int> EraseAsync(InvitationId id, CancellationToken cancellationToken)
    {
        var key = id.Value;
        return RunAsync(
            async (context, _, ct) =>
            {
                var (invitations, items) = await DeleteWithOutboxAsync(context, [key], ct).ConfigureAwait(false);
                _recent.Forget([key]);
                return invitations == 0 ? 0 : invitations + items;
            },
            cancellationToken,
            write: true);
    }

    /// <summary>Deletes invitations and all their outbox items in one transaction: either both go, or neither.</summary>
    private static async Task<(int Invitations, int Items)> DeleteWithOutboxAsync(TContext context, List<Guid> ids, CancellationToken cancellationToken)
    {
        var strategy = context.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            async ct =>
            {
                var transaction = await context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var items = await context.Set<OutboxRow>().Where(r => ids.Contains(r.InvitationId)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                    await DeleteShortLinksAsync(context, ids, ct).ConfigureAwait(false);
                    var invitations = await context.Set<InvitationRow>().Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                    return (invitations, items);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }
}
