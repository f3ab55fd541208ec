using System.Runtime.CompilerServices;
using Invitations.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Invitations.Core.Tests.Bulk;

/// <summary>Bulk runs live in the store: two app instances over one store see and cancel each other's runs; a dead owner's run ends as failed.</summary>
public sealed class SharedRunTests
{
    [Fact]
    public async Task A_run_started_on_one_instance_is_read_and_cancelled_from_another()
    {
        var store = new InMemoryInvitationStore();
        using var a = new TestHost(adapters: b => b.Services.AddSingleton<IInvitationStore>(store));
        using var b = new TestHost(adapters: b => b.Services.AddSingleton<IInvitationStore>(store));
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The source receives the run's own token: at 60 it waits until instance A has learned of B's cancellation.
        async IAsyncEnumerable<InviteRequest> Source([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < 1_000; i++)
            {
                if (i == 50)
                {
                    reached.SetResult();
                    await gate.Task;
                }

                if (i == 60)
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        yield break;
                    }
                }

                yield return TestHost.Request($"person-{i}@example.com");
            }
        }

        var id = await a.Bulk.StartRunAsync(Source(), new BulkInviteOptions { BatchSize = 10, ExpectedCount = 1_000 });
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var seen = await b.Bulk.GetRunAsync(id);
        seen.Should().NotBeNull();
        seen!.Completed.Should().BeNull();
        seen.Launched.Should().Be(TestHost.Start);

        (await b.Bulk.CancelRunAsync(id)).Should().BeTrue("B asks A's run to stop through the store");
        gate.SetResult();
        var status = await Ops.WaitForCompletionAsync(b.Bulk, id);

        status.CompletionStatus.Should().Be(BulkRunCompletionStatus.Terminated);
        // A learns of it at its first save after B asked: the save of batch 5 when it had not run yet, else of batch 6.
        status.Progress.Done.Should().BeOneOf(50, 60);
        status.Progress.Invited.Should().Be(status.Progress.Done);
        status.Messages.Should().ContainSingle(m => m.Contains("cancelled"));
        store.Count.Should().Be((int)status.Progress.Done);
        (await a.Bulk.GetRunAsync(id)).Should().BeEquivalentTo(status);
        (await b.Bulk.CancelRunAsync(id)).Should().BeFalse();
    }

    [Fact]
    public async Task A_run_whose_owner_died_is_failed_with_what_it_completed_once_its_lease_lapsed()
    {
        var store = new InMemoryInvitationStore();
        using var host = new TestHost(adapters: b => b.Services.AddSingleton<IInvitationStore>(store));
        IBulkRunStore runs = store;
        var run = new BulkRunRecord
        {
            Id = "run-of-a-dead-instance", Owner = "dead-host/1/x", Launched = TestHost.Start, LeaseExpiresAt = TestHost.Start + Duration.FromMinutes(2), Total = 100,
        };
        await runs.CreateRunAsync(run, default);
        (await runs.SaveRunProgressAsync(run with { Done = 40, Invited = 39, Failed = 1, Messages = ["Request 7: email_invalid: bad"] }, default)).Should().Be(BulkRunLeaseStatus.Held);

        (await host.Bulk.GetRunAsync(run.Id))!.Completed.Should().BeNull("the lease still lives");
        host.Clock.Advance(Duration.FromMinutes(3));
        var failed = await host.Bulk.GetRunAsync(run.Id);

        failed!.CompletionStatus.Should().Be(BulkRunCompletionStatus.Error);
        failed.Completed.Should().Be(TestHost.Start + Duration.FromMinutes(3));
        failed.Progress.Should().BeEquivalentTo(new { Done = 40L, Invited = 39L, Failed = 1L, Skipped = 0L, Total = 100L });
        failed.PercentComplete.Should().Be(40);
        failed.Messages.Should().HaveCount(2);
        failed.Messages[0].Should().StartWith("Request 7:");
        failed.Messages[1].Should().Contain("stopped renewing its lease").And.Contain("40 requests had an outcome");
        (await host.Bulk.CancelRunAsync(run.Id)).Should().BeFalse();
    }
}
