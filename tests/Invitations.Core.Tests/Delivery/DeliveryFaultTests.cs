using Invitations.Delivery;
using Invitations.Core.Tests.Support;
using NodaTime;

namespace Invitations.Core.Tests.Delivery;

public sealed class DeliveryFaultTests
{
    private readonly FaultySender _sender = new();
    private readonly FaultySink _sink = new();

    private TestHost Host(Action<InvitationsOptions>? configure = null) =>
        new(configure, b => b.AddMessageSender(_sender).AddWebhookSink(_sink));

    private static OutboxDispatcher Dispatcher(TestHost host) => (OutboxDispatcher)host.Services.GetService(typeof(OutboxDispatcher))!;

    /// <summary>Dispatches until nothing more is claimable now (the store hands out one head per queue per round).</summary>
    private static async Task DrainAsync(TestHost host)
    {
        for (var round = 0; round < 50 && await Dispatcher(host).DispatchAsync(null, default) > 0; round++)
        {
        }
    }

    private static OutboxItem MessageItem(TestHost host) => host.MemoryStore.SnapshotOutbox().Single(i => i.Kind == OutboxItemKind.Message);

    [Theory]
    [InlineData(FaultMode.Throw)]
    [InlineData(FaultMode.Transient)]
    public async Task Failing_sender_keeps_the_message_pending_until_it_recovers_after_the_retry_delay(FaultMode fault)
    {
        using var host = Host();
        _sender.Mode = fault;

        var invited = await host.Manager.InviteAsync(TestHost.Request());

        invited.IsSuccess.Should().BeTrue("delivery faults never fail the invite");
        (await host.Store.FindAsync(invited.Value.Invitation.Id, default))!.State.Should().Be(InvitationState.Initiated);
        host.MemoryStore.PendingOutboxCount.Should().Be(1, "the fact went out, the message waits");
        var item = MessageItem(host);
        item.Attempts.Should().Be(1);
        item.Message.Should().NotBeNull("a pending message keeps its body for the retry");
        item.LastError.Should().Contain(fault == FaultMode.Throw ? "IOException" : FaultySender.TransientDetail);
        _sender.Attempts.Should().HaveCount(1);

        _sender.Mode = FaultMode.Healthy;
        host.Clock.Advance(Duration.FromSeconds(3));
        (await Dispatcher(host).DispatchAsync(null, default)).Should().Be(0, "the first retry is due after 5 s ± 20 %");
        _sender.Delivered.Should().BeEmpty();

        host.Clock.Advance(Duration.FromSeconds(3.1));
        await DrainAsync(host);

        host.MemoryStore.PendingOutboxCount.Should().Be(0);
        _sender.Delivered.Should().ContainSingle().Which.To.Should().Be("jane.doe@example.com");
        _sender.Delivered.Single().MessageId.Should().Be(_sender.Attempts.First().MessageId, "a retry carries the same message id");
        MessageItem(host).Message.Should().BeNull();
        _sink.Delivered.Select(f => f.Type).Should().Equal(FactTypes.InviteUser);
    }

    [Theory]
    [InlineData(FaultMode.Throw)]
    [InlineData(FaultMode.Transient)]
    public async Task Failing_sink_keeps_facts_pending_and_delivers_them_in_order_once_it_recovers(FaultMode fault)
    {
        using var host = Host();
        _sink.Mode = fault;

        var invited = await host.InviteAsync();
        var accepted = await host.Redemption.AcceptAsync(TestHost.TokenOf(invited.Link!), new AcceptRequest("sub-1"));

        accepted.IsSuccess.Should().BeTrue("delivery faults never fail a transition");
        host.MemoryStore.PendingOutboxCount.Should().Be(2, "both facts wait; the message went out");
        _sender.Delivered.Should().HaveCount(1);
        _sink.Delivered.Should().BeEmpty();

        _sink.Mode = FaultMode.Healthy;
        host.Clock.Advance(Duration.FromSeconds(7));
        await DrainAsync(host);

        host.MemoryStore.PendingOutboxCount.Should().Be(0);
        _sink.Delivered.Select(f => f.Sequence).Should().Equal(1, 2);
        _sink.Delivered.Select(f => f.Type).Should().Equal(FactTypes.InviteUser, FactTypes.InviteAccepted);
        _sink.Delivered.Select(f => f.Id).Should().OnlyHaveUniqueItems("one dispatcher delivers each fact once");
        var stored = await host.Manager.ListFactsAsync(invited.Invitation.Id);
        _sink.Delivered.Select(f => f.Id).Should().BeEquivalentTo(stored.Select(f => f.Id));
    }

    [Fact]
    public async Task Sender_and_sink_both_down_still_save_the_invitation_and_deliver_everything_later()
    {
        using var host = Host();
        _sender.Mode = FaultMode.Throw;
        _sink.Mode = FaultMode.Throw;

        var invited = await host.InviteAsync();

        host.MemoryStore.Count.Should().Be(1);
        host.MemoryStore.PendingOutboxCount.Should().Be(2);
        (await host.Redemption.PreviewAsync(TestHost.TokenOf(invited.Link!))).IsSuccess.Should().BeTrue();

        _sender.Mode = FaultMode.Healthy;
        _sink.Mode = FaultMode.Healthy;
        host.Clock.Advance(Duration.FromSeconds(7));
        await DrainAsync(host);

        host.MemoryStore.PendingOutboxCount.Should().Be(0);
        _sender.Delivered.Should().HaveCount(1);
        _sink.Delivered.Should().ContainSingle().Which.Type.Should().Be(FactTypes.InviteUser);
    }

    [Fact]
    public async Task Permanent_sender_failure_emits_delivery_failed_with_the_detail_and_is_not_retried()
    {
        using var host = Host();
        _sender.Mode = FaultMode.Permanent;

        var invited = await host.InviteAsync();

        var facts = await host.Manager.ListFactsAsync(invited.Invitation.Id);
        facts.Select(f => f.Type).Should().Equal(FactTypes.InviteUser, FactTypes.InviteDeliveryFailed);
        facts.Select(f => f.Sequence).Should().Equal(1, 2);
        var failed = facts[1];
        failed.Attributes.Should().Contain("error", FaultySender.PermanentDetail).And.Contain("channel", "email");
        var item = MessageItem(host);
        item.Status.Should().Be(OutboxItemStatus.Failed);
        item.Message.Should().BeNull("a given-up message drops its body");
        item.LastError.Should().Be(FaultySender.PermanentDetail);
        var stored = (await host.Store.FindAsync(invited.Invitation.Id, default))!;
        stored.State.Should().Be(InvitationState.Initiated, "a delivery failure is a fact, not a state change");
        stored.Version.Should().Be(2);

        _sender.Mode = FaultMode.Healthy;
        host.Clock.Advance(Duration.FromDays(2));
        await DrainAsync(host);

        _sender.Attempts.Should().HaveCount(1, "a permanent failure is never retried");
        _sink.Delivered.Select(f => f.Type).Should().Equal(FactTypes.InviteUser, FactTypes.InviteDeliveryFailed);
        (await host.Redemption.AcceptAsync(TestHost.TokenOf(invited.Link!), new AcceptRequest("sub-1"))).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task Transient_sender_failures_follow_the_retry_schedule_then_give_up_with_delivery_failed()
    {
        using var host = Host();
        var schedule = new InvitationsOptions().Delivery.RetrySchedule.Select(Duration.FromTimeSpan).ToList();
        _sender.Mode = FaultMode.Transient;

        var invited = await host.InviteAsync();
        for (var k = 0; k < schedule.Count; k++)
        {
            var item = MessageItem(host);
            item.Status.Should().Be(OutboxItemStatus.Pending);
            item.Attempts.Should().Be(k + 1);
            var delay = item.DueAt - host.Clock.GetCurrentInstant();
            delay.Should().BeGreaterThanOrEqualTo(schedule[k] * 0.8, $"retry {k + 1} waits at least the schedule minus jitter");
            delay.Should().BeLessThanOrEqualTo(schedule[k] * 1.2, $"retry {k + 1} waits at most the schedule plus jitter");

            host.Clock.Reset(item.DueAt - Duration.Epsilon);
            (await Dispatcher(host).DispatchAsync(null, default)).Should().Be(0, "not due one tick early");
            host.Clock.Reset(item.DueAt);
            await DrainAsync(host);
        }

        _sender.Attempts.Should().HaveCount(schedule.Count + 1, "one attempt plus one per scheduled retry");
        var final = MessageItem(host);
        final.Status.Should().Be(OutboxItemStatus.Failed);
        final.Message.Should().BeNull();
        var facts = await host.Manager.ListFactsAsync(invited.Invitation.Id);
        facts.Select(f => f.Type).Should().Equal(FactTypes.InviteUser, FactTypes.InviteDeliveryFailed);
        facts[1].Attributes["error"].Should().Be(FaultySender.TransientDetail);

        host.Clock.Advance(Duration.FromDays(3));
        await DrainAsync(host);
        _sender.Attempts.Should().HaveCount(schedule.Count + 1, "nothing is retried after giving up");
    }

    [Theory]
    [InlineData(0.0, 48)]
    [InlineData(0.5, 60)]
    [InlineData(0.999, 72)]
    public async Task Retry_jitter_draws_from_the_injected_randomizer(double draw, int expectedSeconds)
    {
        using var host = Host(o =>
        {
            o.Delivery.RetrySchedule.Clear();
            o.Delivery.RetrySchedule.Add(TimeSpan.FromMinutes(1));
            o.Delivery.RetryJitter = 0.2;
            o.Delivery.Randomizer = () => draw;
        });
        _sender.Mode = FaultMode.Transient;

        await host.InviteAsync();

        var delay = MessageItem(host).DueAt - host.Clock.GetCurrentInstant();
        delay.TotalSeconds.Should().BeApproximately(expectedSeconds, 0.1, "delay = schedule × (1 + (2 × draw − 1) × jitter)");
    }

    [Fact]
    public async Task Fact_given_up_after_the_schedule_does_not_block_later_facts()
    {
        using var host = Host(o =>
        {
            o.Delivery.RetrySchedule.Clear();
            o.Delivery.RetrySchedule.Add(TimeSpan.FromSeconds(1));
            o.Delivery.RetrySchedule.Add(TimeSpan.FromSeconds(2));
            o.Delivery.RetryJitter = 0;
        });
        _sink.Mode = FaultMode.Transient;
        var invited = await host.InviteAsync();
        host.Clock.Advance(Duration.FromSeconds(1));
        await DrainAsync(host);
        host.Clock.Advance(Duration.FromSeconds(2));
        await DrainAsync(host);

        _sink.Attempts.Should().Be(3);
        host.MemoryStore.SnapshotOutbox().Single(i => i.Kind == OutboxItemKind.Fact).Status.Should().Be(OutboxItemStatus.Failed);
        host.MemoryStore.PendingOutboxCount.Should().Be(0);

        _sink.Mode = FaultMode.Healthy;
        (await host.Manager.RevokeAsync(invited.Invitation.Id, TestHost.Admin)).IsSuccess.Should().BeTrue();

        _sink.Delivered.Select(f => f.Type).Should().Equal(FactTypes.InviteRevoked);
    }

    [Fact]
    public async Task Facts_failing_and_recovering_reach_the_sink_in_sequence_order_per_invitation_without_duplicates()
    {
        using var host = Host(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        _sink.FailuresFor = f => (int)(f.Id.Value.ToByteArray()[15] % 4);
        var ids = new List<InvitationId>();
        for (var i = 0; i < 20; i++)
        {
            var invited = await host.InviteAsync(TestHost.Request($"order{i}@example.com"));
            var id = invited.Invitation.Id;
            ids.Add(id);
            var token = TestHost.TokenOf(invited.Link!);
            for (var r = 0; r < i % 3; r++)
            {
                token = TestHost.TokenOf((await host.Manager.ResendAsync(id, TestHost.Admin)).Value.Link!);
            }

            var closed = (i % 4) switch
            {
                0 => (await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-" + i))).IsSuccess,
                1 => (await host.Manager.RevokeAsync(id, TestHost.Admin)).IsSuccess,
                2 => (await host.Redemption.RejectAsync(token)).IsSuccess,
                _ => true,
            };
            closed.Should().BeTrue();
        }

        for (var round = 0; round < 20 && host.MemoryStore.PendingOutboxCount > 0; round++)
        {
            host.Clock.Advance(Duration.FromHours(1));
            await DrainAsync(host);
        }

        host.MemoryStore.PendingOutboxCount.Should().Be(0);
        var failedAttempts = 0;
        foreach (var id in ids)
        {
            var stored = await host.Manager.ListFactsAsync(id);
            var delivered = _sink.Delivered.Where(f => f.ObjectId == id).ToList();
            delivered.Select(f => f.Sequence).Should().Equal(stored.Select(f => f.Sequence), "delivery order per invitation is the sequence order");
            delivered.Select(f => f.Id).Should().Equal(stored.Select(f => f.Id));
            failedAttempts += stored.Sum(f => f.Id.Value.ToByteArray()[15] % 4);
        }

        failedAttempts.Should().BeGreaterThan(10, "the sink really failed along the way");
        _sink.Delivered.Select(f => f.Id).Should().OnlyHaveUniqueItems("duplicates: 0 with a single dispatcher");
        _sink.Attempts.Should().Be(_sink.Delivered.Count + failedAttempts);
    }

    [Fact]
    public async Task Message_superseded_by_a_resend_while_the_sender_was_down_is_not_sent()
    {
        using var host = Host(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        _sender.Mode = FaultMode.Throw;
        var invited = await host.InviteAsync();
        var resent = await host.Manager.ResendAsync(invited.Invitation.Id, TestHost.Admin);
        resent.IsSuccess.Should().BeTrue();

        _sender.Mode = FaultMode.Healthy;
        host.Clock.Advance(Duration.FromSeconds(7));
        await DrainAsync(host);

        host.MemoryStore.PendingOutboxCount.Should().Be(0);
        var sent = _sender.Delivered.Should().ContainSingle().Subject;
        sent.TextBody.Should().Contain(TestHost.TokenOf(resent.Value.Link!), "only the live link is sent");
        sent.TextBody.Should().NotContain(TestHost.TokenOf(invited.Link!));
        host.MemoryStore.SnapshotOutbox().Where(i => i.Kind == OutboxItemKind.Message).Should().OnlyContain(i => i.Message == null);
    }
}
