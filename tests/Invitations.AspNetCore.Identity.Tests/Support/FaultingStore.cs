using NodaTime;

namespace Invitations.AspNetCore.Identity.Tests.Support;

/// <summary>The real store with hooks around its updates and lookups by id: to interleave another request, or fail before or after a save.</summary>
public sealed class FaultingStore(IInvitationStore inner) : IInvitationStore
{
    /// <summary>Runs before the next update (clear it inside to run once).</summary>
    public Func<Task>? BeforeUpdate { get; set; }

    /// <summary>Runs after every update has saved (clear it inside to run once).</summary>
    public Func<Task>? AfterUpdate { get; set; }

    /// <summary>Runs after every lookup by id, before it returns (clear it inside to run once).</summary>
    public Func<Task>? AfterFind { get; set; }

    /// <summary>Throws instead of saving the next update.</summary>
    public bool FailBeforeSave { get; set; }

    /// <summary>Saves the next update, then throws as a lost connection would after the commit.</summary>
    public bool FailAfterSave { get; set; }

    public IInvitationStore Inner => inner;

    public async ValueTask<StoreWriteStatus> UpdateAsync(InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken)
    {
        if (BeforeUpdate is { } before)
        {
            await before();
        }

        if (FailBeforeSave)
        {
            FailBeforeSave = false;
            throw new IOException("The store is down.");
        }

        var status = await inner.UpdateAsync(invitation, expectedVersion, outbox, cancellationToken);
        if (AfterUpdate is { } after)
        {
            await after();
        }

        if (FailAfterSave)
        {
            FailAfterSave = false;
            throw new IOException("The connection was lost after the commit.");
        }

        return status;
    }

    public ValueTask<StoreWriteStatus> CreateAsync(InvitationData invitation, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken) => inner.CreateAsync(invitation, outbox, cancellationToken);

    public async ValueTask<InvitationData?> FindAsync(InvitationId id, CancellationToken cancellationToken)
    {
        var found = await inner.FindAsync(id, cancellationToken);
        if (AfterFind is { } after)
        {
            await after();
        }

        return found;
    }

    public ValueTask<InvitationData?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken) => inner.FindByTokenHashAsync(tokenHash, cancellationToken);

    public ValueTask<InvitationData?> FindPendingByRecipientAsync(string recipientKey, CancellationToken cancellationToken) => inner.FindPendingByRecipientAsync(recipientKey, cancellationToken);

    public ValueTask<InvitationData?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken) => inner.FindByIdempotencyKeyAsync(idempotencyKey, cancellationToken);

    public ValueTask<InvitationPage> QueryAsync(InvitationQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    public ValueTask<int> CountCreatedByAsync(string invitedById, Instant since, CancellationToken cancellationToken) => inner.CountCreatedByAsync(invitedById, since, cancellationToken);

    public ValueTask<IReadOnlyList<InvitationFact>> ListFactsAsync(InvitationId id, CancellationToken cancellationToken) => inner.ListFactsAsync(id, cancellationToken);

    public ValueTask<IReadOnlyList<OutboxItem>> ClaimOutboxAsync(OutboxClaim claim, CancellationToken cancellationToken) => inner.ClaimOutboxAsync(claim, cancellationToken);

    public ValueTask<bool> CompleteOutboxAsync(OutboxItemId id, string owner, Instant now, CancellationToken cancellationToken) => inner.CompleteOutboxAsync(id, owner, now, cancellationToken);

    public ValueTask<bool> ReleaseOutboxAsync(OutboxItemId id, string owner, Instant dueAt, string? error, CancellationToken cancellationToken) => inner.ReleaseOutboxAsync(id, owner, dueAt, error, cancellationToken);

    public ValueTask<bool> FailOutboxAsync(OutboxItemId id, string owner, Instant now, string error, CancellationToken cancellationToken) => inner.FailOutboxAsync(id, owner, now, error, cancellationToken);

    public ValueTask<int> PurgeOutboxAsync(Instant before, int maxItems, CancellationToken cancellationToken) => inner.PurgeOutboxAsync(before, maxItems, cancellationToken);

    public ValueTask<IReadOnlyList<InvitationData>> FindExpiredPendingAsync(Instant now, int maxItems, CancellationToken cancellationToken) => inner.FindExpiredPendingAsync(now, maxItems, cancellationToken);

    public ValueTask<int> PurgeInvitationsAsync(Instant closedBefore, int maxItems, CancellationToken cancellationToken) => inner.PurgeInvitationsAsync(closedBefore, maxItems, cancellationToken);

    public ValueTask<IReadOnlyList<InvitationData>> FindByAddressAsync(string normalizedAddress, CancellationToken cancellationToken) => inner.FindByAddressAsync(normalizedAddress, cancellationToken);

    public ValueTask<int> EraseAsync(InvitationId id, CancellationToken cancellationToken) => inner.EraseAsync(id, cancellationToken);
}
