using NodaTime;
using Xunit;

namespace Invitations.Testing;

/// <summary>Conformance tests: batches of creations (<see cref="IInvitationStore.CreateManyAsync"/>).</summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>A batch of new invitations is saved whole: every invitation, fact and message reads back.</summary>
    [SkippableFact]
    public async Task BatchOfNewInvitationsIsSavedWithTheirOutboxItems()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var batch = Enumerable.Range(0, 3).Select(_ => Creation(NewInvitation())).ToList();

        var results = await store.CreateManyAsync(batch, lease: null, Ct);

        Assert.Equal([StoreWriteStatus.Saved, StoreWriteStatus.Saved, StoreWriteStatus.Saved], results.Select(r => r.Status));
        Assert.All(results, r => Assert.Empty(r.Leased));
        foreach (var item in batch)
        {
            AssertSameInvitation(item.Invitation, await store.FindAsync(item.Invitation.Id, Ct));
            Assert.Equal(item.Invitation.Id, (await store.FindByTokenHashAsync(item.Invitation.TokenHash!, Ct))?.Id);
            Assert.Equal([item.Outbox[0].Fact!.Id], (await store.ListFactsAsync(item.Invitation.Id, Ct)).Select(f => f.Id));
            var claimed = await store.ClaimOutboxAsync(ClaimFor(item.Invitation, T0), Ct);
            Assert.Equal(item.Outbox.Select(o => o.Id.Value).Order(), claimed.Select(o => o.Id.Value).Order());
            var message = claimed.Single(o => o.Kind == OutboxItemKind.Message).Message!;
            Assert.Equal(item.Outbox[1].Message! with { Headers = message.Headers }, message);
            Assert.Equal(item.Outbox[1].Message!.Headers, message.Headers);
        }
    }

    /// <summary>Items that collide with stored invitations fail alone, with their reason; the items around them are saved.</summary>
    [SkippableFact]
    public async Task BatchItemsCollidingWithStoredInvitationsFailAloneAndTheRestIsSaved()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var pending = NewInvitation(recipient: "batch-pending");
        var keyed = NewInvitation() with { IdempotencyKey = Unique("batch-key"), IdempotencyFingerprint = "f1" };
        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(pending, [], Ct));
        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(keyed, [], Ct));
        var batch = new[]
        {
            Creation(NewInvitation()),
            Creation(NewInvitation(recipient: "batch-pending")),
            Creation(NewInvitation()),
            Creation(NewInvitation() with { IdempotencyKey = keyed.IdempotencyKey, IdempotencyFingerprint = "f2" }),
            Creation(pending with { RecipientKey = pending.RecipientKey + "-other", TokenHash = NewInvitation().TokenHash }),
            Creation(NewInvitation()),
        };

        var results = await store.CreateManyAsync(batch, lease: null, Ct);

        Assert.Equal(
            [StoreWriteStatus.Saved, StoreWriteStatus.DuplicatePending, StoreWriteStatus.Saved, StoreWriteStatus.DuplicateIdempotencyKey, StoreWriteStatus.DuplicateId, StoreWriteStatus.Saved],
            results.Select(r => r.Status));
        foreach (var i in new[] { 0, 2, 5 })
        {
            AssertSameInvitation(batch[i].Invitation, await store.FindAsync(batch[i].Invitation.Id, Ct));
            Assert.Single(await store.ListFactsAsync(batch[i].Invitation.Id, Ct));
        }

        foreach (var i in new[] { 1, 3 })
        {
            Assert.Null(await store.FindAsync(batch[i].Invitation.Id, Ct));
            Assert.Empty(await store.ListFactsAsync(batch[i].Invitation.Id, Ct));
            Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(batch[i].Invitation, T0), Ct));
        }

        // The stored invitations the failed items collided with are untouched.
        AssertSameInvitation(pending, await store.FindAsync(pending.Id, Ct));
        Assert.Empty(await store.ListFactsAsync(pending.Id, Ct));
        Assert.Equal(pending.Id, (await store.FindPendingByRecipientAsync(pending.RecipientKey, Ct))?.Id);
        Assert.Equal("f1", (await store.FindByIdempotencyKeyAsync(keyed.IdempotencyKey!, Ct))?.IdempotencyFingerprint);
    }

    /// <summary>Items of one batch that collide with each other: the first wins, each later one fails alone.</summary>
    [SkippableFact]
    public async Task BatchItemsCollidingWithEachOtherLetTheFirstWin()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var (key, first, keyedFirst, twins) = TwinBatch();
        var batch = twins.Append(Creation(first with { RecipientKey = first.RecipientKey + "-other", TokenHash = NewInvitation().TokenHash })).ToArray();

        var results = await store.CreateManyAsync(batch, lease: null, Ct);

        Assert.Equal(
            [StoreWriteStatus.Saved, StoreWriteStatus.DuplicatePending, StoreWriteStatus.Saved, StoreWriteStatus.DuplicateIdempotencyKey, StoreWriteStatus.DuplicateId],
            results.Select(r => r.Status));
        Assert.Equal(first.Id, (await store.FindPendingByRecipientAsync(first.RecipientKey, Ct))?.Id);
        Assert.Equal(keyedFirst.Id, (await store.FindByIdempotencyKeyAsync(key, Ct))?.Id);
        Assert.Null(await store.FindAsync(batch[1].Invitation.Id, Ct));
        Assert.Null(await store.FindAsync(batch[3].Invitation.Id, Ct));
        AssertSameInvitation(first, await store.FindAsync(first.Id, Ct));
        Assert.Equal([batch[0].Outbox[0].Fact!.Id], (await store.ListFactsAsync(first.Id, Ct)).Select(f => f.Id));
    }

    /// <summary>
    /// Items of one batch that collide on a recipient or an idempotency key (no id repeated, so a store may write the
    /// batch as one statement): the first wins, the others are reported and nothing of theirs is stored.
    /// </summary>
    [SkippableFact]
    public async Task BatchItemsCollidingOnTheirKeysLetTheFirstWinAndStoreNothingOfTheOthers()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var (_, first, keyedFirst, batch) = TwinBatch();

        var results = await store.CreateManyAsync(batch, lease: null, Ct);

        Assert.Equal(
            [StoreWriteStatus.Saved, StoreWriteStatus.DuplicatePending, StoreWriteStatus.Saved, StoreWriteStatus.DuplicateIdempotencyKey],
            results.Select(r => r.Status));
        Assert.Null(await store.FindAsync(batch[1].Invitation.Id, Ct));
        Assert.Null(await store.FindAsync(batch[3].Invitation.Id, Ct));
        Assert.Empty(await store.ListFactsAsync(batch[1].Invitation.Id, Ct));
        Assert.Empty(await store.ListFactsAsync(batch[3].Invitation.Id, Ct));
        Assert.Equal([batch[0].Outbox[0].Fact!.Id], (await store.ListFactsAsync(first.Id, Ct)).Select(f => f.Id));
        Assert.Equal([batch[2].Outbox[0].Fact!.Id], (await store.ListFactsAsync(keyedFirst.Id, Ct)).Select(f => f.Id));
    }

    /// <summary>
    /// Four creations: an invitation, another for the same recipient, a keyed invitation, another with the same key.
    /// </summary>
    private (string Key, InvitationData First, InvitationData KeyedFirst, InvitationCreation[] Batch) TwinBatch()
    {
        var key = Unique("twin-key");
        var first = NewInvitation(recipient: "twin");
        var keyedFirst = NewInvitation() with { IdempotencyKey = key, IdempotencyFingerprint = "f" };
        return (key, first, keyedFirst,
        [
            Creation(first),
            Creation(NewInvitation(recipient: "twin")),
            Creation(keyedFirst),
            Creation(NewInvitation() with { IdempotencyKey = key, IdempotencyFingerprint = "f" }),
        ]);
    }

    /// <summary>A batch replayed with the same idempotency keys saves nothing new: every item reports the key, the first invitations stay.</summary>
    [SkippableFact]
    public async Task ReplayedBatchReportsTheIdempotencyKeysAndSavesNothing()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var keys = Enumerable.Range(0, 3).Select(i => Unique($"replay-{i}")).ToList();
        var original = keys.Select(k => Creation(NewInvitation() with { IdempotencyKey = k, IdempotencyFingerprint = "f" })).ToList();
        Assert.All(await store.CreateManyAsync(original, lease: null, Ct), r => Assert.Equal(StoreWriteStatus.Saved, r.Status));

        // A retried request builds a new invitation (new id, token, outbox items) under the same key.
        var replay = keys.Select(k => Creation(NewInvitation() with { IdempotencyKey = k, IdempotencyFingerprint = "f" })).ToList();
        var results = await store.CreateManyAsync(replay, lease: null, Ct);

        Assert.All(results, r => Assert.Equal(StoreWriteStatus.DuplicateIdempotencyKey, r.Status));
        for (var i = 0; i < keys.Count; i++)
        {
            Assert.Equal(original[i].Invitation.Id, (await store.FindByIdempotencyKeyAsync(keys[i], Ct))?.Id);
            Assert.Null(await store.FindAsync(replay[i].Invitation.Id, Ct));
        }
    }

    /// <summary>An empty batch answers no results and writes nothing.</summary>
    [SkippableFact]
    public async Task EmptyBatchAnswersNoResults()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        Assert.Empty(await store.CreateManyAsync([], lease: null, Ct));
        Assert.Empty(await store.CreateManyAsync([], new OutboxLease(Unique("empty"), T0 + Lease), Ct));
    }

    /// <summary>A batch cancelled before it is written, or holding an invalid item, writes none of its items.</summary>
    [SkippableFact]
    public async Task CancelledOrInvalidBatchWritesNothing()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var cancelled = new[] { Creation(NewInvitation()), Creation(NewInvitation()) };
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.CreateManyAsync(cancelled, lease: null, cancellation.Token));

        var valid = Creation(NewInvitation());
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.CreateManyAsync([valid, null!], lease: null, Ct));

        foreach (var item in cancelled.Append(valid))
        {
            Assert.Null(await store.FindAsync(item.Invitation.Id, Ct));
            Assert.Empty(await store.ListFactsAsync(item.Invitation.Id, Ct));
        }
    }

    /// <summary>With a lease, each saved item's fact and message come back leased (a claim finds them taken); failed items lease nothing.</summary>
    [SkippableFact]
    public async Task LeasedBatchLeasesTheSavedItemsOnly()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var held = NewInvitation(recipient: "leased-held");
        await store.CreateAsync(held, [], Ct);
        var lease = new OutboxLease(Unique("batch-owner"), T0 + Lease);
        var batch = new[] { Creation(NewInvitation()), Creation(NewInvitation(recipient: "leased-held")), Creation(NewInvitation()) };

        var results = await store.CreateManyAsync(batch, lease, Ct);

        Assert.Equal([StoreWriteStatus.Saved, StoreWriteStatus.DuplicatePending, StoreWriteStatus.Saved], results.Select(r => r.Status));
        Assert.Empty(results[1].Leased);
        foreach (var i in new[] { 0, 2 })
        {
            Assert.Equal(batch[i].Outbox.Select(o => o.Id), results[i].Leased.Select(o => o.Id));
            Assert.All(results[i].Leased, o => Assert.Equal((lease.Owner, (Instant?)lease.ExpiresAt), (o.LeaseOwner, o.LeaseExpiresAt)));
            Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(batch[i].Invitation, T0, owner: "other"), Ct));
            Assert.Equal(2, await store.CompleteOutboxAsync(results[i].Leased.Select(o => o.Id).ToList(), lease.Owner, T0, Ct));
        }
    }

    /// <summary>A creation with the invitation's INVITE_USER fact (sequence 1) and its message (sequence 1).</summary>
    private static InvitationCreation Creation(InvitationData invitation) =>
        new(invitation, [FactItem(invitation, 1), MessageItem(invitation, 1)]);
}
