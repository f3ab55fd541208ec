using NodaTime;
using Xunit;

namespace Invitations.Testing;

/// <summary>Conformance tests: writes that lease what they save (inline dispatch), and completing several items at once.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>
    /// Whether the store leases what a leased write saves. False for a store that keeps the interface's default
    /// (it leases nothing, and the dispatcher claims instead): the tests then check only that nothing is leased.
    /// </summary>
    protected virtual bool LeasesOnWrite => true;

    private OutboxLease LeaseFor(string owner = "owner-a", Instant? at = null) => new(Unique(owner), (at ?? T0) + Lease);

    /// <summary>A created invitation's items come back leased to the write's owner, and no other claim gets them while the lease lives.</summary>
    [SkippableFact]
    public async Task CreateLeasedLeasesTheNewItemsToTheOwner()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var fact = FactItem(invitation, 1);
        var message = MessageItem(invitation, 1);
        var lease = LeaseFor();

        var result = await store.CreateLeasedAsync(invitation, [message, fact], lease, Ct);

        Assert.Equal(StoreWriteStatus.Saved, result.Status);
        if (!LeasesOnWrite)
        {
            Assert.Empty(result.Leased);
            return;
        }

        Assert.Equal([fact.Id, message.Id], result.Leased.Select(i => i.Id));
        Assert.All(result.Leased, i =>
        {
            Assert.Equal(lease.Owner, i.LeaseOwner);
            Assert.Equal(lease.ExpiresAt, i.LeaseExpiresAt);
            Assert.Equal(OutboxItemStatus.Pending, i.Status);
        });
        Assert.Equal(message.Message!.TextBody, result.Leased[1].Message!.TextBody);
        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(1), "owner-b"), Ct));

        // The lease ends like a claim's: after it, another dispatcher gets the items.
        Assert.Equal(2, (await store.ClaimOutboxAsync(ClaimFor(invitation, lease.ExpiresAt, "owner-b"), Ct)).Count);
    }

    /// <summary>An update leases its new item only where no earlier item of the same invitation and kind is still pending: delivery stays in order.</summary>
    [SkippableFact]
    public async Task UpdateLeasedNeverLeasesAnItemBehindAPendingOne()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var f1 = FactItem(invitation, 1);
        await store.CreateAsync(invitation, [f1], Ct);
        var v2 = invitation with { Version = 2, State = InvitationState.Reinitiated };
        var f2 = FactItem(v2, 2, type: FactTypes.InviteUser);
        var m2 = MessageItem(v2, 2);

        var result = await store.UpdateLeasedAsync(v2, 1, [f2, m2], LeaseFor(), Ct);

        Assert.Equal(StoreWriteStatus.Saved, result.Status);
        Assert.DoesNotContain(result.Leased, i => i.Id == f2.Id);
        Assert.True(!LeasesOnWrite || result.Leased.Count == 0 || result.Leased.All(i => i.Id == m2.Id));

        // Another dispatcher gets the head of the fact queue only, never the fact behind it.
        var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, T0, "owner-b"), Ct);
        Assert.Contains(claimed, i => i.Id == f1.Id);
        Assert.DoesNotContain(claimed, i => i.Id == f2.Id);

        // What the store reported is what it stored: the message is claimable by another dispatcher exactly when it was
        // not reported leased to this one.
        Assert.Equal(!result.Leased.Any(i => i.Id == m2.Id), claimed.Any(i => i.Id == m2.Id));
    }

    /// <summary>An update of an invitation with nothing pending leases its new items.</summary>
    [SkippableFact]
    public async Task UpdateLeasedLeasesTheNewItemsWhenNothingIsPending()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [], Ct);
        var v2 = invitation with { Version = 2, State = InvitationState.Revoked, ClosedAt = T0 };
        var fact = FactItem(v2, 1, type: FactTypes.InviteRevoked);

        var result = await store.UpdateLeasedAsync(v2, 1, [fact], LeaseFor(), Ct);

        Assert.Equal(StoreWriteStatus.Saved, result.Status);
        Assert.Equal(LeasesOnWrite ? [fact.Id] : [], result.Leased.Select(i => i.Id));
        Assert.Equal(LeasesOnWrite ? 0 : 1, (await store.ClaimOutboxAsync(ClaimFor(invitation, T0, "owner-b"), Ct)).Count);
    }

    /// <summary>A leased write that loses its race saves nothing and leases nothing.</summary>
    [SkippableFact]
    public async Task LeasedWriteThatSavesNothingLeasesNothing()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [], Ct);
        var stale = invitation with { Version = 3 };

        var result = await store.UpdateLeasedAsync(stale, 2, [FactItem(stale, 1)], LeaseFor(), Ct);

        Assert.Equal(StoreWriteStatus.ConcurrencyConflict, result.Status);
        Assert.Empty(result.Leased);
        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, T0, "owner-b"), Ct));
        Assert.Empty(await store.ListFactsAsync(invitation.Id, Ct));
    }

    /// <summary>Completing several items at once completes the owner's and leaves another owner's as they are.</summary>
    [SkippableFact]
    public async Task CompleteManyCompletesOnlyTheOwnersItems()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var mine = NewInvitation();
        var theirs = NewInvitation();
        var fact = FactItem(mine, 1);
        var message = MessageItem(mine, 1);
        var other = FactItem(theirs, 1);
        await store.CreateAsync(mine, [fact, message], Ct);
        await store.CreateAsync(theirs, [other], Ct);
        await store.ClaimOutboxAsync(ClaimFor(mine, T0), Ct);
        await store.ClaimOutboxAsync(ClaimFor(theirs, T0, "owner-b"), Ct);

        var completed = await store.CompleteOutboxAsync([fact.Id, message.Id, other.Id], Unique("owner-a"), T0 + Duration.FromSeconds(1), Ct);

        Assert.Equal(2, completed);
        Assert.Equal(0, await store.CompleteOutboxAsync([fact.Id], Unique("owner-a"), T0, Ct));
        Assert.True(await store.CompleteOutboxAsync(other.Id, Unique("owner-b"), T0, Ct));
        if (await LoadOutboxItemAsync(store, message.Id) is { } stored)
        {
            Assert.Equal(OutboxItemStatus.Delivered, stored.Status);
            Assert.Equal(T0 + Duration.FromSeconds(1), stored.CompletedAt);
            Assert.Null(stored.Message);
        }

        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(mine, T0 + Duration.FromDays(1)), Ct));
    }
}
