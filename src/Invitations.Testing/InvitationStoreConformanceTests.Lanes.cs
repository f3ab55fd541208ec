using NodaTime;
using Xunit;

namespace Invitations.Testing;

/// <summary>
/// Conformance tests: outbox lanes. A fact saved for several receivers is one item per <see cref="OutboxItem.Lane"/>
/// (same fact, same sequence); each lane is its own queue, so one lane's pending item holds back only that lane, its
/// progress is kept until retention purges it, and the fact is listed once.
/// </summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>Builds the items of one fact on several lanes (one id per lane), as the dispatcher saves them.</summary>
    /// <param name="invitation">The invitation.</param>
    /// <param name="sequence">The fact's sequence.</param>
    /// <param name="lanes">The lanes.</param>
    /// <returns>One item per lane, all carrying the same fact.</returns>
    protected static IReadOnlyList<OutboxItem> FactOnLanes(InvitationData invitation, long sequence, params string[] lanes)
    {
        ArgumentNullException.ThrowIfNull(lanes);
        var fact = FactItem(invitation, sequence);
        return lanes.Select(lane => fact with { Id = new OutboxItemId(Guid.NewGuid()), Lane = lane }).ToList();
    }

    /// <summary>The items of one fact on two lanes round-trip their lane and are both claimable, and the fact is listed once.</summary>
    [SkippableFact]
    public async Task AFactOnSeveralLanesIsOneItemPerLaneAndListedOnce()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var items = FactOnLanes(invitation, 1, "sink-a", "sink-b/endpoint");
        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(invitation, [.. items, MessageItem(invitation, 1)], Ct));

        var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);

        Assert.Equal(3, claimed.Count);
        var facts = claimed.Where(i => i.Kind == OutboxItemKind.Fact).ToList();
        Assert.Equal(["sink-a", "sink-b/endpoint"], facts.Select(i => i.Lane).Order(StringComparer.Ordinal));
        Assert.All(facts, f => Assert.Equal(items[0].Fact!.Id, f.Fact!.Id));
        Assert.Equal("", Assert.Single(claimed, i => i.Kind == OutboxItemKind.Message).Lane);
        Assert.Single(await store.ListFactsAsync(invitation.Id, Ct));
    }

    /// <summary>A lane whose head is pending (failed and due later) holds back its own later facts, never another lane's.</summary>
    [SkippableFact]
    public async Task APendingItemHoldsBackOnlyItsOwnLane()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var first = FactOnLanes(invitation, 1, "slow", "quick");
        await store.CreateAsync(invitation, first, Ct);
        var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);
        Assert.Equal(2, claimed.Count);
        var owner = Unique("owner-a");
        Assert.True(await store.ReleaseOutboxAsync(claimed.Single(i => i.Lane == "slow").Id, owner, T0 + Duration.FromDays(1), "429", Ct));
        Assert.Equal(1, await store.CompleteOutboxAsync([claimed.Single(i => i.Lane == "quick").Id], owner, T0, Ct));

        var changed = invitation with { Version = 2, UpdatedAt = T0 + Duration.FromMinutes(1) };
        var second = FactOnLanes(changed, 2, "slow", "quick");
        Assert.Equal(StoreWriteStatus.Saved, await store.UpdateAsync(changed, 1, second, Ct));

        var next = await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(2)), Ct);

        var item = Assert.Single(next);
        Assert.Equal("quick", item.Lane);
        Assert.Equal(2, item.Sequence);
        Assert.Equal(1, await store.CompleteOutboxAsync([item.Id], owner, T0 + Duration.FromMinutes(2), Ct));

        // The slow lane gets its facts in order once its head is due again.
        var later = await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromDays(2), "owner-b"), Ct);
        var head = Assert.Single(later);
        Assert.Equal(("slow", 1L), (head.Lane, head.Sequence));
    }

    /// <summary>One claim over all invitations hands out one head per (invitation, kind, lane): never two items of one lane.</summary>
    [SkippableFact]
    public async Task AClaimHandsOutOneHeadPerLane()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var changed = invitation with { Version = 2 };
        await store.CreateAsync(invitation, FactOnLanes(invitation, 1, "a", "b"), Ct);
        await store.UpdateAsync(changed, 1, FactOnLanes(changed, 2, "a", "b"), Ct);

        var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);

        Assert.Equal([("a", 1L), ("b", 1L)], claimed.Select(i => (i.Lane, i.Sequence)).OrderBy(p => p.Lane, StringComparer.Ordinal));
    }

    /// <summary>An update that leases its new items leases each lane's item only where that lane has nothing pending before it.</summary>
    [SkippableFact]
    public async Task UpdateLeasedLeasesPerLane()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var first = FactOnLanes(invitation, 1, "a", "b");
        await store.CreateAsync(invitation, first, Ct);
        var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);
        var owner = Unique("owner-a");
        await store.CompleteOutboxAsync([claimed.Single(i => i.Lane == "a").Id, claimed.Single(i => i.Lane == "b").Id], owner, T0, Ct);
        var changed = invitation with { Version = 2 };

        var result = await store.UpdateLeasedAsync(changed, 1, FactOnLanes(changed, 2, "a", "b"), new OutboxLease(owner, T0 + Lease), Ct);

        Assert.Equal(StoreWriteStatus.Saved, result.Status);
        if (LeasesOnWrite)
        {
            Assert.Equal(["a", "b"], result.Leased.Select(i => i.Lane));
        }
        else
        {
            Assert.Equal(2, (await store.ClaimOutboxAsync(ClaimFor(invitation, T0, "owner-b"), Ct)).Count);
        }
    }

    /// <summary>A lane's delivered item stays delivered until retention purges it; the fact stays listed while any lane still has it.</summary>
    [SkippableFact]
    public async Task ALanesProgressLastsUntilRetentionPurgesIt()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, FactOnLanes(invitation, 1, "done", "failing"), Ct);
        var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);
        var owner = Unique("owner-a");
        var done = claimed.Single(i => i.Lane == "done");
        Assert.Equal(1, await store.CompleteOutboxAsync([done.Id], owner, T0, Ct));
        Assert.True(await store.ReleaseOutboxAsync(claimed.Single(i => i.Lane == "failing").Id, owner, T0 + Duration.FromHours(1), "503", Ct));

        // A new dispatcher (a restart) claims what is due: only the failing lane, never the acknowledged one.
        var afterRestart = await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromHours(2), "owner-restarted"), Ct);
        Assert.Equal("failing", Assert.Single(afterRestart).Lane);
        if (await LoadOutboxItemAsync(store, done.Id) is { } stored)
        {
            Assert.Equal(OutboxItemStatus.Delivered, stored.Status);
            Assert.Equal("done", stored.Lane);
        }

        // Retention purges the acknowledged lane's item; the fact stays listed through the lane that still owes it.
        while (await store.PurgeOutboxAsync(T0 + Duration.FromMinutes(1), 1000, Ct) > 0)
        {
        }

        Assert.Single(await store.ListFactsAsync(invitation.Id, Ct));
        if (await LoadOutboxItemAsync(store, claimed.Single(i => i.Lane == "failing").Id) is { } owed)
        {
            Assert.Equal(OutboxItemStatus.Pending, owed.Status);
            Assert.Null(await LoadOutboxItemAsync(store, done.Id));
        }
    }
}
