using System.Collections.Concurrent;
using NodaTime;
using Xunit;

namespace Invitations.Testing;

/// <summary>Conformance tests: outbox.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>The outbox items saved with a state change are claimable with their content intact.</summary>
    [SkippableFact]
    public async Task OutboxItemsAreSavedAtomicallyWithTheInvitation()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var fact = FactItem(invitation, 1);
        var message = MessageItem(invitation, 1);
        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(invitation, [fact, message], Ct));

        var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);

        Assert.Equal(2, claimed.Count);
        var gotFact = Assert.Single(claimed, i => i.Kind == OutboxItemKind.Fact);
        var gotMessage = Assert.Single(claimed, i => i.Kind == OutboxItemKind.Message);
        Assert.Equal(fact.Id, gotFact.Id);
        Assert.Equal(fact.Fact!.Id, gotFact.Fact!.Id);
        Assert.Equal(fact.Fact.Type, gotFact.Fact.Type);
        Assert.Null(gotFact.Message);
        Assert.Equal(message.Id, gotMessage.Id);
        Assert.Null(gotMessage.Fact);
        var m = gotMessage.Message!;
        Assert.Equal(message.Message!.TextBody, m.TextBody);
        Assert.Equal(message.Message.HtmlBody, m.HtmlBody);
        Assert.Equal(message.Message.To, m.To);
        Assert.Equal(message.Message.MessageId, m.MessageId);
        Assert.Equal(message.Message.Headers, m.Headers);
        Assert.Equal(invitation.Id, gotMessage.InvitationId);
        Assert.Equal(1, gotMessage.Sequence);
        Assert.Equal(OutboxItemStatus.Pending, gotMessage.Status);
        Assert.Equal(T0, gotMessage.CreatedAt);
        Assert.Equal(0, gotMessage.Attempts);
    }

    /// <summary>A claim leases items to its owner until Now + LeaseDuration; nobody else gets them meanwhile.</summary>
    [SkippableFact]
    public async Task ClaimLeasesItemsToTheOwner()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [FactItem(invitation, 1), MessageItem(invitation, 1)], Ct);

        var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);

        Assert.Equal(2, claimed.Count);
        Assert.All(claimed, i =>
        {
            Assert.Equal(Unique("owner-a"), i.LeaseOwner);
            Assert.Equal(T0 + Lease, i.LeaseExpiresAt);
        });
        Assert.Equal([OutboxItemKind.Fact, OutboxItemKind.Message], claimed.Select(i => i.Kind));
        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(1), "owner-b"), Ct));
        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(1), "owner-a"), Ct));
    }

    /// <summary>MaxItems bounds a claim; items not yet due are not claimed.</summary>
    [SkippableFact]
    public async Task ClaimHonoursMaxItemsAndDueTime()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var later = FactItem(invitation, 1) with { DueAt = T0 + Duration.FromMinutes(3) };
        var m1 = MessageItem(invitation, 1);
        var other = NewInvitation();
        await store.CreateAsync(invitation, [later, m1], Ct);
        await store.CreateAsync(other, [MessageItem(other, 1), FactItem(other, 1)], Ct);

        var first = await store.ClaimOutboxAsync(ClaimFor(invitation, T0, maxItems: 1), Ct);
        Assert.Equal(m1.Id, Assert.Single(first).Id);
        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(2), "owner-b"), Ct));
        Assert.Equal(later.Id, Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(3), "owner-b"), Ct)).Id);
        Assert.Single(await store.ClaimOutboxAsync(ClaimFor(other, T0, "owner-c", maxItems: 1), Ct));
        Assert.Single(await store.ClaimOutboxAsync(ClaimFor(other, T0, "owner-c", maxItems: 5), Ct));
    }

    /// <summary>Complete, release and fail by an owner who does not hold the lease return false and change nothing.</summary>
    [SkippableFact]
    public async Task WrongOwnerCannotCompleteReleaseOrFail()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [FactItem(invitation, 1)], Ct);
        var item = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct));
        var intruder = Unique("intruder");

        Assert.False(await store.CompleteOutboxAsync(item.Id, intruder, T0, Ct));
        Assert.False(await store.ReleaseOutboxAsync(item.Id, intruder, T0, "nope", Ct));
        Assert.False(await store.FailOutboxAsync(item.Id, intruder, T0, "nope", Ct));
        Assert.False(await store.CompleteOutboxAsync(new OutboxItemId(Guid.NewGuid()), Unique("owner-a"), T0, Ct));

        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(1), "owner-b"), Ct));
        Assert.True(await store.CompleteOutboxAsync(item.Id, Unique("owner-a"), T0, Ct));
        Assert.False(await store.CompleteOutboxAsync(item.Id, Unique("owner-a"), T0, Ct));
        Assert.False(await store.FailOutboxAsync(item.Id, Unique("owner-a"), T0, "late", Ct));
        Assert.False(await store.ReleaseOutboxAsync(item.Id, Unique("owner-a"), T0, "late", Ct));
        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Lease + Lease, "owner-b"), Ct));
    }

    /// <summary>Release ends the lease, increments attempts, records the error and makes the item due at the given time.</summary>
    [SkippableFact]
    public async Task ReleaseMakesTheItemDueAgainLater()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [FactItem(invitation, 1)], Ct);
        var item = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct));
        var dueAt = T0 + Duration.FromSeconds(5);

        Assert.True(await store.ReleaseOutboxAsync(item.Id, Unique("owner-a"), dueAt, "503 Service Unavailable", Ct));

        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, dueAt - Duration.FromSeconds(1), "owner-b"), Ct));
        var again = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, dueAt, "owner-b"), Ct));
        Assert.Equal(item.Id, again.Id);
        Assert.Equal(1, again.Attempts);
        Assert.Equal(dueAt, again.DueAt);
        Assert.Equal("503 Service Unavailable", again.LastError);
        Assert.Equal(Unique("owner-b"), again.LeaseOwner);
        Assert.True(await store.ReleaseOutboxAsync(item.Id, Unique("owner-b"), dueAt + Duration.FromMinutes(5), "timeout", Ct));
        var third = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, dueAt + Duration.FromMinutes(5)), Ct));
        Assert.Equal(2, third.Attempts);
    }

    /// <summary>A dispatcher that dies leaves its items claimable once the lease expires; its late completion is refused.</summary>
    [SkippableFact]
    public async Task ExpiredLeaseIsClaimableAgain()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [FactItem(invitation, 1)], Ct);
        var crashed = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0, "crashed"), Ct));

        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Lease - Duration.FromSeconds(1), "rescuer"), Ct));
        var rescued = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Lease, "rescuer"), Ct));

        Assert.Equal(crashed.Id, rescued.Id);
        Assert.Equal(Unique("rescuer"), rescued.LeaseOwner);
        Assert.False(await store.CompleteOutboxAsync(crashed.Id, Unique("crashed"), T0 + Lease, Ct));
        Assert.True(await store.CompleteOutboxAsync(rescued.Id, Unique("rescuer"), T0 + Lease, Ct));
    }

    /// <summary>An item waits while an earlier item of the same invitation and kind is pending; facts and messages do not block each other.</summary>
    [SkippableFact]
    public async Task ItemsAreClaimedInOrderPerInvitationAndKind()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var f1 = FactItem(invitation, 1);
        var f2 = FactItem(invitation, 2);
        var f3 = FactItem(invitation, 3);
        var m1 = MessageItem(invitation, 1);
        var m2 = MessageItem(invitation, 2);
        await store.CreateAsync(invitation, [f3, f1, m2, f2, m1], Ct);
        var owner = Unique("owner-a");

        var batch1 = await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);
        Assert.Equal([f1.Id, m1.Id], batch1.Select(i => i.Id));

        // f1 released (still pending): f2 stays blocked even after f1's lease ended.
        Assert.True(await store.ReleaseOutboxAsync(f1.Id, owner, T0 + Duration.FromHours(1), "retry", Ct));
        Assert.True(await store.CompleteOutboxAsync(m1.Id, owner, T0, Ct));
        var batch2 = await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(1)), Ct);
        Assert.Equal([m2.Id], batch2.Select(i => i.Id));
        Assert.True(await store.CompleteOutboxAsync(m2.Id, owner, T0 + Duration.FromMinutes(1), Ct));

        // f1 completed: f2 becomes claimable; f2 failed: f3 becomes claimable.
        var f1Again = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromHours(1)), Ct));
        Assert.Equal(f1.Id, f1Again.Id);
        Assert.True(await store.CompleteOutboxAsync(f1.Id, owner, T0 + Duration.FromHours(1), Ct));
        var f2Claim = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromHours(1)), Ct));
        Assert.Equal(f2.Id, f2Claim.Id);
        Assert.True(await store.FailOutboxAsync(f2.Id, owner, T0 + Duration.FromHours(1), "410 Gone", Ct));
        var f3Claim = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromHours(1)), Ct));
        Assert.Equal(f3.Id, f3Claim.Id);
    }

    /// <summary>Completed and failed messages lose their body (it carries the invitation link); facts keep theirs.</summary>
    [SkippableFact]
    public async Task CompletedAndFailedMessagesLoseTheirBody()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var m1 = MessageItem(invitation, 1);
        var f1 = FactItem(invitation, 1);
        await store.CreateAsync(invitation, [m1, f1], Ct);
        var owner = Unique("owner-a");
        await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);
        Assert.True(await store.CompleteOutboxAsync(m1.Id, owner, T0, Ct));
        Assert.True(await store.CompleteOutboxAsync(f1.Id, owner, T0, Ct));
        var v2 = invitation with { Version = 2, State = InvitationState.Reinitiated };
        var m2 = MessageItem(v2, 2, T0 + Duration.FromMinutes(1));
        await store.UpdateAsync(v2, 1, [m2], Ct);
        Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(1)), Ct));
        Assert.True(await store.FailOutboxAsync(m2.Id, owner, T0 + Duration.FromMinutes(1), "550 mailbox unavailable", Ct));

        var stored1 = await LoadOutboxItemAsync(store, m1.Id);
        var stored2 = await LoadOutboxItemAsync(store, m2.Id);
        var storedFact = await LoadOutboxItemAsync(store, f1.Id);
        if (stored1 is null || stored2 is null || storedFact is null)
        {
            return; // the adapter does not expose stored items (override LoadOutboxItemAsync to check this)
        }

        Assert.Equal(OutboxItemStatus.Delivered, stored1.Status);
        Assert.Equal(T0, stored1.CompletedAt);
        Assert.True(stored1.Message is null || (stored1.Message.TextBody.Length == 0 && string.IsNullOrEmpty(stored1.Message.HtmlBody)), "a delivered message kept its body");
        Assert.Equal(OutboxItemStatus.Failed, stored2.Status);
        Assert.Equal("550 mailbox unavailable", stored2.LastError);
        Assert.True(stored2.Message is null || (stored2.Message.TextBody.Length == 0 && string.IsNullOrEmpty(stored2.Message.HtmlBody)), "a failed message kept its body");
        Assert.NotNull(storedFact.Fact);
    }

    /// <summary>Purge deletes only completed or failed items whose CompletedAt is before the cut-off, at most maxItems per call.</summary>
    [SkippableFact]
    public async Task PurgeDeletesOnlyOldFinishedItemsInBatches()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var old = Instant.FromUtc(1971, 1, 1, 0, 0);
        var owner = Unique("owner-a");
        var finished = new List<(InvitationData Invitation, OutboxItem Item)>();
        for (var n = 0; n < 5; n++)
        {
            var invitation = NewInvitation(old + Duration.FromMinutes(n)) with { ExpiresAt = old + Duration.FromDays(7) };
            var fact = FactItem(invitation, 1);
            await store.CreateAsync(invitation, [fact, MessageItem(invitation, 1)], Ct);
            finished.Add((invitation, fact));
        }

        // Finish every fact (4 delivered, 1 failed) before the cut-off; the messages stay pending.
        for (var n = 0; n < finished.Count; n++)
        {
            var (invitation, fact) = finished[n];
            var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, old + Duration.FromMinutes(n)), Ct);
            Assert.Contains(claimed, i => i.Id == fact.Id);
            var done = n == 4
                ? await store.FailOutboxAsync(fact.Id, owner, old + Duration.FromMinutes(n), "gone", Ct)
                : await store.CompleteOutboxAsync(fact.Id, owner, old + Duration.FromMinutes(n), Ct);
            Assert.True(done);
        }

        // One more finished after the cut-off.
        var recent = NewInvitation(old + Duration.FromDays(1));
        var recentFact = FactItem(recent, 1);
        await store.CreateAsync(recent, [recentFact], Ct);
        await store.ClaimOutboxAsync(ClaimFor(recent, old + Duration.FromDays(1)), Ct);
        Assert.True(await store.CompleteOutboxAsync(recentFact.Id, owner, old + Duration.FromDays(1), Ct));

        var cutOff = old + Duration.FromHours(1);
        Assert.Equal(2, await store.PurgeOutboxAsync(cutOff, 2, Ct));
        Assert.Equal(2, await store.PurgeOutboxAsync(cutOff, 2, Ct));
        Assert.Equal(1, await store.PurgeOutboxAsync(cutOff, 2, Ct));
        Assert.Equal(0, await store.PurgeOutboxAsync(cutOff, 2, Ct));

        Assert.All(finished, f => Assert.Empty(store.ListFactsAsync(f.Invitation.Id, Ct).AsTask().GetAwaiter().GetResult()));
        Assert.Single(await store.ListFactsAsync(recent.Id, Ct));

        // The pending messages were not purged: they are still claimable.
        foreach (var (invitation, _) in finished)
        {
            var left = await store.ClaimOutboxAsync(ClaimFor(invitation, old + Duration.FromDays(2), "owner-b"), Ct);
            Assert.Equal(OutboxItemKind.Message, Assert.Single(left).Kind);
        }
    }

    /// <summary>Concurrent claimers never receive the same item while its lease lives.</summary>
    [SkippableFact]
    public async Task ConcurrentClaimsNeverLeaseTheSameItemTwice()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var mine = new HashSet<OutboxItemId>();
        for (var n = 0; n < 40; n++)
        {
            var invitation = NewInvitation(T0 + Duration.FromSeconds(n));
            var fact = FactItem(invitation, 1);
            var message = MessageItem(invitation, 1);
            await store.CreateAsync(invitation, [fact, message], Ct);
            mine.Add(fact.Id);
            mine.Add(message.Id);
        }

        var claims = new ConcurrentBag<(string Owner, OutboxItemId Id)>();
        var now = T0 + Duration.FromMinutes(10);
        var claimers = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            var owner = Unique($"claimer-{c}");
            for (var round = 0; round < 200; round++)
            {
                var got = await store.ClaimOutboxAsync(new OutboxClaim { Owner = owner, Now = now, LeaseDuration = Lease, MaxItems = 5 }, Ct);
                if (got.Count == 0)
                {
                    break;
                }

                foreach (var item in got)
                {
                    claims.Add((owner, item.Id));
                }
            }
        }));
        await Task.WhenAll(claimers);

        var ours = claims.Where(c => mine.Contains(c.Id)).ToList();
        var duplicates = ours.GroupBy(c => c.Id).Where(g => g.Count() > 1).ToList();
        Assert.True(duplicates.Count == 0, $"{duplicates.Count} items were leased twice");
        Assert.Equal(mine.Count, ours.Count);
    }

    /// <summary>Of N concurrent updates computed from the same version, exactly one is saved.</summary>
    [SkippableFact]
    public async Task ConcurrentUpdatesOfOneVersionSaveExactlyOne()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [FactItem(invitation, 1)], Ct);
        var updates = Enumerable.Range(0, 16)
            .Select(n => invitation with { Version = 2, AcceptedSubjectId = $"sub-{n}", State = InvitationState.Accepted, TokenHash = null, FactSequence = 2 })
            .ToList();

        var results = await Task.WhenAll(updates.Select(u => Task.Run(async () =>
            await store.UpdateAsync(u, 1, [FactItem(u, 2, type: FactTypes.InviteAccepted)], Ct))));

        Assert.Equal(1, results.Count(r => r == StoreWriteStatus.Saved));
        Assert.All(results.Where(r => r != StoreWriteStatus.Saved), r => Assert.Equal(StoreWriteStatus.ConcurrencyConflict, r));
        var stored = await store.FindAsync(invitation.Id, Ct);
        Assert.Equal(2, stored!.Version);
        var winner = updates[Array.IndexOf(results, StoreWriteStatus.Saved)];
        Assert.Equal(winner.AcceptedSubjectId, stored.AcceptedSubjectId);
        Assert.Equal([1L, 2L], (await store.ListFactsAsync(invitation.Id, Ct)).Select(f => f.Sequence));
    }
}
