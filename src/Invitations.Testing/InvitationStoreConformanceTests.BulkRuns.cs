using NodaTime;
using Xunit;

namespace Invitations.Testing;

/// <summary>Conformance tests: bulk runs kept in the store (<see cref="IBulkRunStore"/>), for stores that keep them.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>A run is created once, its owner saves progress and completes it, and every field reads back; an ended run takes no more writes.</summary>
    [SkippableFact]
    public async Task BulkRunIsSavedProgressedAndCompletedByItsOwner()
    {
        if (await StartRunStoreAsync() is not { } runs)
        {
            return;
        }

        var run = NewRun();
        Assert.True(await runs.CreateRunAsync(run, Ct));
        Assert.False(await runs.CreateRunAsync(run with { Owner = "someone-else" }, Ct));
        AssertSameRun(run, await runs.FindRunAsync(run.Id, T0, Ct));

        var progress = run with { Done = 7, Invited = 4, Skipped = 2, Failed = 1, Messages = ["Request 3: email_invalid: bad"], LeaseExpiresAt = T0 + Duration.FromMinutes(4) };
        Assert.Equal(BulkRunLeaseStatus.Held, await runs.SaveRunProgressAsync(progress, Ct));
        AssertSameRun(progress, await runs.FindRunAsync(run.Id, T0 + Duration.FromMinutes(3), Ct));

        // Only the owner writes: another instance's save changes nothing.
        Assert.Equal(BulkRunLeaseStatus.Lost, await runs.SaveRunProgressAsync(progress with { Owner = Unique("intruder"), Done = 99 }, Ct));
        Assert.False(await runs.CompleteRunAsync(progress with { Owner = Unique("intruder"), Completed = T0, CompletionStatus = BulkRunCompletionStatus.Success }, Ct));
        Assert.Equal(7, (await runs.FindRunAsync(run.Id, T0, Ct))!.Done);

        var final = progress with { Done = 10, Invited = 7, Messages = ["Request 3: email_invalid: bad", "done"], Completed = T0 + Duration.FromMinutes(1), CompletionStatus = BulkRunCompletionStatus.Warning };
        Assert.True(await runs.CompleteRunAsync(final, Ct));
        AssertSameRun(final, await runs.FindRunAsync(run.Id, T0 + Duration.FromDays(1), Ct));

        Assert.False(await runs.CompleteRunAsync(final with { CompletionStatus = BulkRunCompletionStatus.Success }, Ct));
        Assert.Equal(BulkRunLeaseStatus.Lost, await runs.SaveRunProgressAsync(final, Ct));
        Assert.False(await runs.RequestRunCancellationAsync(run.Id, T0, Ct));
        AssertSameRun(final, await runs.FindRunAsync(run.Id, T0 + Duration.FromDays(1), Ct));
        Assert.Null(await runs.FindRunAsync(Unique("no-such-run"), T0, Ct));
    }

    /// <summary>Any instance may ask a running run to stop; the owner learns it at its next save, which is still saved.</summary>
    [SkippableFact]
    public async Task BulkRunCancellationRequestReachesTheOwnerAtItsNextSave()
    {
        if (await StartRunStoreAsync() is not { } runs)
        {
            return;
        }

        var run = NewRun();
        await runs.CreateRunAsync(run, Ct);

        Assert.True(await runs.RequestRunCancellationAsync(run.Id, T0, Ct));
        Assert.True((await runs.FindRunAsync(run.Id, T0, Ct))!.CancelRequested);
        Assert.Equal(BulkRunLeaseStatus.CancelRequested, await runs.SaveRunProgressAsync(run with { Done = 3 }, Ct));
        Assert.Equal(3, (await runs.FindRunAsync(run.Id, T0, Ct))!.Done);
        Assert.True(await runs.CompleteRunAsync(run with { Done = 3, Completed = T0, CompletionStatus = BulkRunCompletionStatus.Terminated }, Ct));

        Assert.False(await runs.RequestRunCancellationAsync(run.Id, T0, Ct));
        Assert.False(await runs.RequestRunCancellationAsync(Unique("no-such-run"), T0, Ct));
    }

    /// <summary>
    /// A run whose owner stopped renewing is ended as failed, with the counters it saved last, the first time it is read
    /// after its lease lapsed; its owner cannot write to it after that.
    /// </summary>
    [SkippableFact]
    public async Task BulkRunWhoseLeaseLapsedIsEndedAsFailedWhenRead()
    {
        if (await StartRunStoreAsync() is not { } runs)
        {
            return;
        }

        var run = NewRun() with { LeaseExpiresAt = T0 + Duration.FromMinutes(2) };
        await runs.CreateRunAsync(run, Ct);
        var saved = run with { Done = 40, Invited = 38, Failed = 2, Messages = ["Request 1: x: y", "Request 9: x: y"] };
        Assert.Equal(BulkRunLeaseStatus.Held, await runs.SaveRunProgressAsync(saved, Ct));
        Assert.Null((await runs.FindRunAsync(run.Id, T0 + Duration.FromMinutes(1), Ct))!.CompletionStatus);

        var readAt = T0 + Duration.FromMinutes(3);
        var lapsed = await runs.FindRunAsync(run.Id, readAt, Ct);

        AssertSameRun(saved with { Completed = readAt, CompletionStatus = BulkRunCompletionStatus.Error, LeaseLapsed = true }, lapsed);
        Assert.Equal(BulkRunLeaseStatus.Lost, await runs.SaveRunProgressAsync(saved with { Done = 41, LeaseExpiresAt = readAt + Duration.FromMinutes(2) }, Ct));
        Assert.False(await runs.CompleteRunAsync(saved with { Done = 41, Completed = readAt, CompletionStatus = BulkRunCompletionStatus.Success }, Ct));
        AssertSameRun(lapsed!, await runs.FindRunAsync(run.Id, readAt + Duration.FromHours(1), Ct));

        // A cancellation request on a lapsed, unread run ends it the same way instead.
        var other = NewRun() with { LeaseExpiresAt = T0 };
        await runs.CreateRunAsync(other, Ct);
        Assert.False(await runs.RequestRunCancellationAsync(other.Id, T0 + Duration.FromSeconds(1), Ct));
        Assert.True((await runs.FindRunAsync(other.Id, T0 + Duration.FromSeconds(2), Ct))!.LeaseLapsed);
    }

    /// <summary>A sweep ends every running run whose lease lapsed and leaves live and finished runs as they are.</summary>
    [SkippableFact]
    public async Task SweepEndsLapsedRunsOnly()
    {
        if (await StartRunStoreAsync() is not { } runs)
        {
            return;
        }

        var lapsedA = NewRun() with { LeaseExpiresAt = T0 - Duration.FromMinutes(5) };
        var lapsedB = NewRun() with { LeaseExpiresAt = T0 - Duration.FromMinutes(1), Done = 5 };
        var live = NewRun() with { LeaseExpiresAt = T0 + Duration.FromDays(365 * 50) };
        var finished = NewRun() with { LeaseExpiresAt = T0 - Duration.FromMinutes(9) };
        foreach (var run in new[] { lapsedA, lapsedB, live, finished })
        {
            await runs.CreateRunAsync(run, Ct);
        }

        await runs.CompleteRunAsync(finished with { Completed = T0 - Duration.FromMinutes(10), CompletionStatus = BulkRunCompletionStatus.Success }, Ct);

        Assert.True(await runs.SweepLapsedRunsAsync(T0, 1000, Ct) >= 2);

        foreach (var run in new[] { lapsedA, lapsedB })
        {
            var swept = await runs.FindRunAsync(run.Id, T0 + Duration.FromHours(1), Ct);
            Assert.Equal((BulkRunCompletionStatus?)BulkRunCompletionStatus.Error, swept!.CompletionStatus);
            Assert.True(swept.LeaseLapsed);
            Assert.Equal((Instant?)T0, swept.Completed);
        }

        Assert.Equal(5, (await runs.FindRunAsync(lapsedB.Id, T0, Ct))!.Done);
        Assert.Null((await runs.FindRunAsync(live.Id, T0, Ct))!.CompletionStatus);
        var done = await runs.FindRunAsync(finished.Id, T0, Ct);
        Assert.Equal((BulkRunCompletionStatus?)BulkRunCompletionStatus.Success, done!.CompletionStatus);
        Assert.False(done.LeaseLapsed);
        Assert.Equal(0, await runs.SweepLapsedRunsAsync(T0, 0, Ct));
    }

    /// <summary>The store under test as a run store, or null (reported as skipped) when it keeps no runs.</summary>
    /// <returns>The run store, or null.</returns>
    private async Task<IBulkRunStore?> StartRunStoreAsync()
    {
        var store = await StartAsync();
        Skip.If(store is not IBulkRunStore, "NOT RUN: the store does not implement IBulkRunStore (runs then live in each app instance only).");
        return (IBulkRunStore)store!;
    }

    private BulkRunRecord NewRun() => new()
    {
        Id = Unique("run-" + Guid.NewGuid().ToString("N")[..8]),
        Owner = Unique("instance-a"),
        Launched = T0,
        LeaseExpiresAt = T0 + Duration.FromMinutes(2),
        Total = 10,
    };

    /// <summary>Asserts that two runs carry the same data (messages compared by content).</summary>
    private static void AssertSameRun(BulkRunRecord expected, BulkRunRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Messages, actual.Messages);
        Assert.Equal(expected with { Messages = NoMessages }, actual with { Messages = NoMessages });
    }

    private static readonly string[] NoMessages = [];
}
