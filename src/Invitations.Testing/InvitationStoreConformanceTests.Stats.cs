using NodaTime;
using Xunit;

namespace Invitations.Testing;

/// <summary>
/// Conformance tests: statistics for health checks and gauges, and the trace context an outbox item is saved with.
/// Other tests share the database, so counts are compared before and after, and the items live in the 1950s, a window
/// no other test uses.
/// </summary>
public abstract partial class InvitationStoreConformanceTests
{
    private static readonly Instant Fifties = Instant.FromUtc(1950, 3, 1, 0, 0);

    /// <summary>Due pending items (leased or not) are counted with the earliest due time; delivered and future items are not; pending unexpired invitations are counted.</summary>
    [SkippableFact]
    public async Task StatsReportDueOutboxItemsTheirEarliestDueTimeAndPendingInvitations()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var before = await store.GetStatsAsync(Fifties, Ct);
        if (before is null)
        {
            Output?.WriteLine("The store reports no statistics (the interface's default): its health check and gauges are blind.");
            return;
        }

        var invitation = NewInvitation(Instant.FromUtc(1950, 1, 1, 0, 0)) with { ExpiresAt = Fifties + Duration.FromDays(1) };
        var first = FactItem(invitation, 1, Instant.FromUtc(1950, 1, 1, 0, 0));
        var message = MessageItem(invitation, 1, Instant.FromUtc(1950, 1, 2, 0, 0));
        var future = FactItem(invitation, 2, Instant.FromUtc(1950, 6, 1, 0, 0));
        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(invitation, [first, message, future], Ct));

        var after = (await store.GetStatsAsync(Fifties, Ct))!;
        Assert.Equal(before.DueOutboxItems + 2, after.DueOutboxItems);
        Assert.Equal(Earliest(before.OldestDueAt, first.DueAt), after.OldestDueAt);
        Assert.Equal(before.PendingInvitations + 1, after.PendingInvitations);

        // A leased item is still backlog; a delivered one is not.
        var claim = ClaimFor(invitation, Fifties);
        Assert.Equal(2, (await store.ClaimOutboxAsync(claim, Ct)).Count);
        Assert.Equal(before.DueOutboxItems + 2, (await store.GetStatsAsync(Fifties, Ct))!.DueOutboxItems);
        Assert.True(await store.CompleteOutboxAsync(first.Id, claim.Owner, Fifties, Ct));

        var delivered = (await store.GetStatsAsync(Fifties, Ct))!;
        Assert.Equal(before.DueOutboxItems + 1, delivered.DueOutboxItems);
        Assert.Equal(Earliest(before.OldestDueAt, message.DueAt), delivered.OldestDueAt);

        // Past its expiry the invitation is no longer counted as pending, though its stored state still is.
        // (The other tests' pending invitations expire long after 1950, so they are counted at both times.)
        Assert.Equal(before.PendingInvitations, (await store.GetStatsAsync(Fifties + Duration.FromDays(2), Ct))!.PendingInvitations);
    }

    /// <summary>The W3C traceparent an item is saved with comes back with it when claimed.</summary>
    [SkippableFact]
    public async Task OutboxItemKeepsItsTraceParent()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var invitation = NewInvitation();
        var fact = FactItem(invitation, 1) with { TraceParent = traceParent };
        var message = MessageItem(invitation, 1);
        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(invitation, [fact, message], Ct));

        var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);

        Assert.Equal(traceParent, Assert.Single(claimed, i => i.Kind == OutboxItemKind.Fact).TraceParent);
        Assert.Null(Assert.Single(claimed, i => i.Kind == OutboxItemKind.Message).TraceParent);
    }

    private static Instant Earliest(Instant? a, Instant b) => a is { } x && x < b ? x : b;
}
