using Invitations.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Invitations.Core.Tests.Bulk;

public sealed class BulkInviteTests
{
    [Fact]
    public async Task Bulk_of_10000_with_registered_pending_and_invalid_addresses_gives_exact_outcomes_in_input_order()
    {
        var directory = new FakeDirectory(registered: a => a.StartsWith("registered-", StringComparison.Ordinal));
        using var host = new TestHost(adapters: b => b.Services.AddSingleton<IUserDirectory>(directory));
        for (var i = 2; i < 10_000; i += 10)
        {
            await host.InviteAsync(TestHost.Request($"pending-{i}@example.com"));
        }

        var progress = new ProgressRecorder();
        var requests = Ops.Stream(Enumerable.Range(0, 10_000).Select(i => (i % 10) switch
        {
            0 => TestHost.Request($"not-an-email-{i}"),
            1 => TestHost.Request($"registered-{i}@example.com"),
            2 => TestHost.Request($"Pending-{i}@Example.com"),
            _ => TestHost.Request($"person-{i}@example.com"),
        }));

        var outcomes = await Ops.CollectAsync(host.Bulk.InviteManyAsync(requests, new BulkInviteOptions { ExpectedCount = 10_000 }, progress));

        outcomes.Select(o => o.Index).Should().Equal(Enumerable.Range(0, 10_000).Select(i => (long)i));
        outcomes.Count(o => o.Status == BulkInviteStatus.Invited).Should().Be(7_000);
        outcomes.Count(o => o.Status == BulkInviteStatus.SkippedAlreadyRegistered).Should().Be(1_000);
        outcomes.Count(o => o.Status == BulkInviteStatus.SkippedPendingExists).Should().Be(1_000);
        outcomes.Count(o => o.Status == BulkInviteStatus.Failed).Should().Be(1_000);
        outcomes.Where(o => o.Status == BulkInviteStatus.Failed).Should().OnlyContain(o => o.Error!.Code == InvitationErrorCodes.EmailInvalid && o.Index % 10 == 0);
        outcomes.Where(o => o.Status == BulkInviteStatus.Invited).Should().OnlyContain(o => o.InvitationId != null && o.Error == null);
        outcomes.Where(o => o.Index % 10 == 2).Should().OnlyContain(o => o.Status == BulkInviteStatus.SkippedPendingExists);

        // Nothing half-done: every invitation has its message and INVITE_USER fact; pending ones were never resent.
        host.MemoryStore.Count.Should().Be(8_000);
        host.Sender.Sent.Should().HaveCount(8_000);
        host.MemoryStore.SnapshotOutbox().Count(i => i.Fact?.Type == FactTypes.InviteUser).Should().Be(8_000);

        var last = progress.Reports[^1];
        last.Should().BeEquivalentTo(new { Done = 10_000L, Total = 10_000L, Invited = 7_000L, Skipped = 2_000L, Failed = 1_000L, PercentComplete = 100 });
        progress.Reports.Select(r => r.Done).Should().BeInAscendingOrder();
        progress.Reports.Count.Should().BeGreaterThan(10, "progress is reported after every batch");
    }

    [Fact]
    public async Task Bulk_outcomes_carry_no_link_and_a_duplicate_within_the_input_is_skipped()
    {
        using var host = new TestHost();
        var requests = Ops.Stream(new[] { TestHost.Request("a@example.com"), TestHost.Request("b@example.com"), TestHost.Request("A@example.com") });

        var outcomes = await Ops.CollectAsync(host.Bulk.InviteManyAsync(requests, new BulkInviteOptions { MaxDegreeOfParallelism = 1 }));

        outcomes.Select(o => o.Status).Should().Equal(BulkInviteStatus.Invited, BulkInviteStatus.Invited, BulkInviteStatus.SkippedPendingExists);
        typeof(BulkInviteOutcome).GetProperties().Select(p => p.Name).Should().NotContain(n => n.Contains("Link") || n.Contains("Token"));
    }

    [Fact]
    public async Task Cancelling_a_run_terminates_it_and_what_completed_stays_completed()
    {
        using var host = new TestHost();
        var runs = host.Services.GetRequiredService<IBulkInvitations>();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async IAsyncEnumerable<InviteRequest> Source()
        {
            for (var i = 0; i < 1_000; i++)
            {
                if (i == 50)
                {
                    reached.SetResult();
                    await gate.Task;
                }

                yield return TestHost.Request($"person-{i}@example.com");
            }
        }

        var id = await runs.StartRunAsync(Source(), new BulkInviteOptions { BatchSize = 10, ExpectedCount = 1_000 }, default);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        (await runs.GetRunAsync(id, default))!.Completed.Should().BeNull();
        (await runs.CancelRunAsync(id, default)).Should().BeTrue();
        gate.SetResult();

        var status = await Ops.WaitForCompletionAsync(runs, id);

        status.CompletionStatus.Should().Be(BulkRunCompletionStatus.Terminated);
        status.Progress.Done.Should().Be(50);
        status.Progress.Invited.Should().Be(50);
        status.PercentComplete.Should().Be(5);
        status.Launched.Should().Be(TestHost.Start);
        status.Messages.Should().ContainSingle(m => m.Contains("cancelled"));
        host.MemoryStore.Count.Should().Be(50, "invitations created before the cancellation stay");
        host.Sender.Sent.Should().HaveCount(50);
        (await runs.CancelRunAsync(id, default)).Should().BeFalse("a finished run cannot be cancelled");
        (await runs.GetRunAsync("no-such-run", default)).Should().BeNull();
    }

    [Fact]
    public async Task A_run_with_some_failures_completes_with_warning_and_lists_them()
    {
        using var host = new TestHost();
        var runs = host.Services.GetRequiredService<IBulkInvitations>();
        var requests = Ops.Stream(Enumerable.Range(0, 20).Select(i => TestHost.Request(i is 3 or 7 ? $"broken-{i}" : $"person-{i}@example.com")));

        var status = await Ops.WaitForCompletionAsync(runs, await runs.StartRunAsync(requests, null, default));

        status.CompletionStatus.Should().Be(BulkRunCompletionStatus.Warning);
        status.PercentComplete.Should().Be(100);
        status.Progress.Should().BeEquivalentTo(new { Done = 20L, Invited = 18L, Failed = 2L, Skipped = 0L });
        status.Messages.Should().HaveCount(2).And.OnlyContain(m => m.Contains(InvitationErrorCodes.EmailInvalid));
        status.Messages[0].Should().StartWith("Request 3:");

        var clean = await Ops.WaitForCompletionAsync(runs, await runs.StartRunAsync(Ops.Stream(new[] { TestHost.Request("x@example.com") }), null, default));
        clean.CompletionStatus.Should().Be(BulkRunCompletionStatus.Success);
    }

    [Fact]
    public async Task Inviting_every_unregistered_identity_respects_the_cap_the_personal_address_and_pending_invitations()
    {
        var identities = Enumerable.Range(0, 8).Select(i => new DirectoryIdentity
        {
            Id = $"id-{i}",
            Email = $"work-{i}@corp.example",
            PersonalEmail = i == 1 ? "home-1@mail.example" : null,
            GivenName = "Person",
            FamilyName = $"No{i}",
            CreatedAt = TestHost.Start,
        }).ToList();
        var directory = new FakeDirectory(unregistered: identities);
        using var host = new TestHost(o => o.Limits.MaxUnregisteredInvitesPerRun = 5, b => b.Services.AddSingleton<IUserDirectory>(directory));
        await host.InviteAsync(TestHost.Request("work-2@corp.example"));

        var outcomes = await Ops.CollectAsync(host.Bulk.InviteUnregisteredAsync(TestHost.Admin));

        outcomes.Should().HaveCount(5, "the run stops at MaxUnregisteredInvitesPerRun");
        outcomes.Select(o => o.Status).Should().Equal(
            BulkInviteStatus.Invited, BulkInviteStatus.Invited, BulkInviteStatus.SkippedPendingExists, BulkInviteStatus.Invited, BulkInviteStatus.Invited);
        host.Sender.Sent.Select(m => m.To).Should().Contain("home-1@mail.example").And.NotContain("work-1@corp.example");
        host.Sender.Sent.Count(m => m.To == "work-2@corp.example").Should().Be(1, "the pending invitation is not resent");
    }

    [Fact]
    public async Task Inviting_unregistered_identities_needs_a_directory_that_lists_them()
    {
        using var none = new TestHost();
        var withoutDirectory = () => none.Bulk.InviteUnregisteredAsync(TestHost.Admin);
        withoutDirectory.Should().Throw<InvalidOperationException>().WithMessage("*IUserDirectory*");

        using var minimal = new TestHost(adapters: b => b.Services.AddSingleton<IUserDirectory, MinimalDirectory>());
        var act = () => Ops.CollectAsync(minimal.Bulk.InviteUnregisteredAsync(TestHost.Admin));
        await act.Should().ThrowAsync<NotSupportedException>().WithMessage("*ListUnregisteredAsync*");
    }
}
