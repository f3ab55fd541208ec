using System.Collections.Concurrent;
using Invitations.Core.Tests.Support;
using Invitations.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Core.Tests.Delivery;

/// <summary>
/// Issue 16 (several sinks and in-process handlers with independent progress) and issue 13 finding 7 (one slow endpoint
/// never holds back another): each receiver is its own outbox lane, in order per invitation, failing alone.
/// </summary>
public sealed class LaneDispatchTests
{
    private static OutboxDispatcher Dispatcher(TestHost host) => host.Services.GetRequiredService<OutboxDispatcher>();

    private static async Task DrainAsync(TestHost host)
    {
        for (var round = 0; round < 50 && await Dispatcher(host).DispatchAsync(null, default) > 0; round++)
        {
        }
    }

    [Fact]
    public async Task A_failing_sink_holds_back_only_its_own_later_facts_and_gets_them_in_order_after_it_recovers()
    {
        FaultySink healthy = new(), failing = new() { Mode = FaultMode.Transient };
        using var host = new TestHost(adapters: b => b.AddWebhookSink(healthy).AddWebhookSink(failing));

        var invited = await host.InviteAsync();
        await host.Manager.RevokeAsync(invited.Invitation.Id, TestHost.Admin);

        healthy.Delivered.Select(f => f.Type).Should().Equal(
            [FactTypes.InviteUser, FactTypes.InviteRevoked], "the failing lane does not hold the healthy one back");
        failing.Delivered.Should().BeEmpty();

        failing.Mode = FaultMode.Healthy;
        for (var i = 0; i < 4; i++)
        {
            host.Clock.Advance(Duration.FromMinutes(10));
            await DrainAsync(host);
        }

        failing.Delivered.Select(f => f.Type).Should().Equal([FactTypes.InviteUser, FactTypes.InviteRevoked], "its own queue, in sequence order");
        healthy.Delivered.Should().HaveCount(2, "what the healthy lane acknowledged is never delivered to it again");
        host.MemoryStore.PendingOutboxCount.Should().Be(0);
    }

    [Fact]
    public async Task A_retry_after_of_ten_years_from_one_sink_never_delays_a_healthy_sinks_facts()
    {
        var stubborn = new AnsweringSink("stubborn", _ => DeliveryResult.Transient("429 Too Many Requests", Duration.FromDays(3650)));
        var healthy = new AnsweringSink("healthy", _ => DeliveryResult.Delivered());
        using var host = new TestHost(o => o.Delivery.Inline = false, b => b.AddWebhookSink(stubborn).AddWebhookSink(healthy));

        var invited = await host.InviteAsync();
        await DrainAsync(host);
        await host.Manager.RevokeAsync(invited.Invitation.Id, TestHost.Admin);
        await DrainAsync(host);

        // No clock advance at all: the healthy sink has every fact the moment it is due.
        healthy.Facts.Select(f => f.Type).Should().Equal(FactTypes.InviteUser, FactTypes.InviteRevoked);
        var parked = host.MemoryStore.SnapshotOutbox().Single(i => i.Lane == "stubborn" && i.Status == OutboxItemStatus.Pending && i.Attempts > 0);
        (parked.DueAt - host.Clock.GetCurrentInstant()).Should().Be(Duration.FromHours(24), "capped at the schedule's longest step");
    }

    [Fact]
    public async Task A_fact_handler_receives_every_fact_in_order_on_its_own_lane_and_a_throwing_one_holds_back_nobody()
    {
        var sink = new FaultySink();
        using var host = new TestHost(adapters: b => b.AddWebhookSink(sink).AddFactHandler<RecordingHandler>());
        var handler = (RecordingHandler)host.Services.GetServices<IInvitationFactHandler>().Single();
        handler.FailuresLeft = 1;

        var invited = await host.InviteAsync();
        await host.Manager.RevokeAsync(invited.Invitation.Id, TestHost.Admin);

        sink.Delivered.Should().HaveCount(2, "the handler's failure does not hold the sink back");
        handler.Facts.Should().BeEmpty("its first fact failed, so its later one waits behind it");
        host.MemoryStore.SnapshotOutbox().Where(i => i.Lane == typeof(RecordingHandler).FullName).Should().HaveCount(2);

        host.Clock.Advance(Duration.FromSeconds(7));
        await DrainAsync(host);

        handler.Facts.Select(f => f.Type).Should().Equal(FactTypes.InviteUser, FactTypes.InviteRevoked);
        sink.Delivered.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_fact_exhausting_its_schedule_on_one_lane_fails_there_only_and_the_message_rules_are_unchanged()
    {
        FaultySink healthy = new(), failing = new() { Mode = FaultMode.Transient };
        var sender = new FaultySender();
        using var host = new TestHost(o => o.Delivery.RetrySchedule.Clear(), b => b.AddMessageSender(sender).AddWebhookSink(healthy).AddWebhookSink(failing));

        await host.InviteAsync();

        var facts = host.MemoryStore.SnapshotOutbox().Where(i => i.Kind == OutboxItemKind.Fact).ToList();
        facts.Single(i => i.Lane == failing.Name).Status.Should().Be(OutboxItemStatus.Failed);
        facts.Single(i => i.Lane == healthy.Name).Status.Should().Be(OutboxItemStatus.Delivered);
        sender.Delivered.Should().ContainSingle("a fact lane failing is no message failure");
        (await host.Store.ListFactsAsync(facts[0].InvitationId, default)).Select(f => f.Type).Should().Equal(
            [FactTypes.InviteUser], "no INVITE_DELIVERY_FAILED: that fact is about messages, and each fact is listed once");
    }

    [Fact]
    public async Task One_claimed_batch_is_delivered_with_at_most_max_concurrency_in_flight_and_never_two_of_one_lane()
    {
        var sink = new ConcurrencySink(expectedInFlight: 2);
        using var host = new TestHost(
            o =>
            {
                o.Delivery.Inline = false;
                o.Delivery.MaxConcurrency = 2;
            },
            b => b.AddWebhookSink(sink));
        for (var i = 0; i < 6; i++)
        {
            var invited = await host.InviteAsync(TestHost.Request($"person{i}@example.com"));
            await host.Manager.RevokeAsync(invited.Invitation.Id, TestHost.Admin);
        }

        await DrainAsync(host);

        sink.MaxInFlight.Should().Be(2, "two deliveries overlapped, never more");
        sink.OverlapsWithinOneInvitation.Should().Be(0, "a batch holds one head per queue");
        foreach (var group in sink.Facts.GroupBy(f => f.ObjectId))
        {
            group.Select(f => f.Sequence).Should().BeInAscendingOrder();
        }

        sink.Facts.Should().HaveCount(12);
    }

    [Fact]
    public async Task Two_sinks_of_one_name_get_lanes_numbered_in_registration_order()
    {
        FaultySink first = new() { Name = "same" }, second = new() { Name = "same" };
        using var host = new TestHost(adapters: b => b.AddWebhookSink(first).AddWebhookSink(second));

        await host.InviteAsync();

        host.MemoryStore.SnapshotOutbox().Where(i => i.Kind == OutboxItemKind.Fact).Select(i => i.Lane).Should().BeEquivalentTo(["same", "same#2"]);
        first.Delivered.Should().ContainSingle();
        second.Delivered.Should().ContainSingle();
    }

    [Fact]
    public void A_sink_naming_its_own_lanes_under_a_name_another_receiver_has_is_refused()
    {
        var act = () => new FactReceivers([new FaultySink { Name = "same" }, new AnsweringSink("same", _ => DeliveryResult.Delivered(), ["same/a"])], []);

        act.Should().Throw<InvalidOperationException>().WithMessage("*names lanes of its own under 'same'*");
    }

    [Fact]
    public void A_single_sink_that_names_no_lanes_keeps_one_item_per_fact_and_a_sink_with_lanes_gets_one_item_per_lane()
    {
        var single = new FactReceivers([new FaultySink()], []);
        var laned = new FactReceivers([new AnsweringSink("laned", _ => DeliveryResult.Delivered(), ["laned/a", "laned/b"])], []);
        var fact = new InvitationFact
        {
            Id = new FactId(Guid.NewGuid()), Type = FactTypes.InviteUser, ObjectId = new InvitationId(Guid.NewGuid()), Sequence = 1,
            OccurredAt = TestHost.Start,
        };
        IReadOnlyList<OutboxItem> items = [OutboxItems.ForFact(FactDraft.Of(fact), TestHost.Start)];

        single.Aggregate.Should().BeTrue();
        single.Expand(items).Should().BeSameAs(items);
        var expanded = laned.Expand(items);
        expanded.Select(i => i.Lane).Should().Equal("laned/a", "laned/b");
        expanded.Select(i => i.Id).Should().OnlyHaveUniqueItems().And.Equal(laned.Expand(items).Select(i => i.Id), "ids derive from the fact and the lane");
    }

    [Fact]
    public void A_sink_naming_a_lane_outside_its_own_name_is_refused()
    {
        var receivers = new FactReceivers([new AnsweringSink("mine", _ => DeliveryResult.Delivered(), ["other/a"]), new FaultySink()], []);
        var fact = new InvitationFact
        {
            Id = new FactId(Guid.NewGuid()), Type = FactTypes.InviteUser, ObjectId = new InvitationId(Guid.NewGuid()), Sequence = 1,
            OccurredAt = TestHost.Start,
        };

        var act = () => receivers.Expand([OutboxItems.ForFact(FactDraft.Of(fact), TestHost.Start)]);

        act.Should().Throw<InvalidOperationException>().WithMessage("*'mine' named the lane 'other/a'*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public void Max_concurrency_out_of_range_fails_validation(int value)
    {
        var act = () =>
        {
            using var host = new TestHost(o => o.Delivery.MaxConcurrency = value);
            return host.Services.GetRequiredService<IOptions<InvitationsOptions>>().Value;
        };

        act.Should().Throw<OptionsValidationException>().WithMessage("*Delivery.MaxConcurrency must be between 1 and 256*");
    }

    /// <summary>A sink with a fixed name, answering what the test says (and optionally naming lanes of its own).</summary>
    private sealed class AnsweringSink(string name, Func<InvitationFact, DeliveryResult> answer, IReadOnlyList<string>? lanes = null) : IWebhookSink
    {
        private readonly ConcurrentQueue<InvitationFact> _facts = new();

        public string Name => name;

        public IReadOnlyCollection<InvitationFact> Facts => _facts;

        public IReadOnlyList<string> LanesFor(InvitationFact fact) => lanes ?? [name];

        public ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact, CancellationToken cancellationToken)
        {
            var result = answer(fact);
            if (result.IsDelivered)
            {
                _facts.Enqueue(fact);
            }

            return new(result);
        }
    }

    /// <summary>Fails its first <see cref="FailuresLeft"/> calls, then records.</summary>
    [Fact]
    public async Task A_bulk_batch_saves_each_fact_once_per_lane_so_a_failing_sink_holds_back_only_itself()
    {
        var failing = new FaultySink { Mode = FaultMode.Transient };
        using var host = new TestHost(adapters: b => b.AddWebhookSink(failing).AddFactHandler<RecordingHandler>());
        var handler = (RecordingHandler)host.Services.GetServices<IInvitationFactHandler>().Single();

        var outcomes = await Ops.CollectAsync(host.Bulk.InviteManyAsync(
            Ops.Stream(Enumerable.Range(0, 3).Select(i => TestHost.Request($"bulk-{i}@example.com"))), new BulkInviteOptions()));
        outcomes.Should().OnlyContain(o => o.Status == BulkInviteStatus.Invited);
        var first = outcomes[0].InvitationId!.Value;
        await host.Manager.RevokeAsync(first, TestHost.Admin);

        var facts = host.MemoryStore.SnapshotOutbox().Where(i => i.Kind == OutboxItemKind.Fact).ToList();
        facts.Should().OnlyContain(i => i.Lane.Length > 0, "a bulk write expands its facts into lanes as a single write does");
        facts.GroupBy(i => i.Lane).Should().HaveCount(2).And.OnlyContain(g => g.Count() == 4, "three INVITE_USER and one INVITE_REVOKED per lane");
        handler.Facts.Where(f => f.ObjectId == first).Select(f => f.Type).Should().Equal(
            [FactTypes.InviteUser, FactTypes.InviteRevoked], "the handler's lane is not held back by the failing sink, and keeps its order");
        handler.Facts.Should().HaveCount(4, "each fact reaches the handler once, not again on every retry of the failing sink");
    }

    private sealed class RecordingHandler : IInvitationFactHandler
    {
        private readonly ConcurrentQueue<InvitationFact> _facts = new();

        public int FailuresLeft { get; set; }

        public IReadOnlyCollection<InvitationFact> Facts => _facts;

        public ValueTask HandleAsync(InvitationFact fact, CancellationToken cancellationToken)
        {
            if (FailuresLeft-- > 0)
            {
                throw new InvalidOperationException("cache unavailable");
            }

            _facts.Enqueue(fact);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// Holds each delivery until <c>expectedInFlight</c> are in flight together (or, should that never happen, a long
    /// safety wait), recording the most seen at once and any overlap of two facts of one invitation.
    /// </summary>
    private sealed class ConcurrencySink(int expectedInFlight) : IWebhookSink
    {
        private readonly ConcurrentQueue<InvitationFact> _facts = new();
        private readonly ConcurrentDictionary<InvitationId, int> _perInvitation = new();
        private readonly object _gate = new();
        private TaskCompletionSource _full = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;

        public int MaxInFlight { get; private set; }

        public int OverlapsWithinOneInvitation { get; private set; }

        public IReadOnlyCollection<InvitationFact> Facts => _facts;

        public async ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact, CancellationToken cancellationToken)
        {
            Task wait;
            lock (_gate)
            {
                _inFlight++;
                MaxInFlight = Math.Max(MaxInFlight, _inFlight);
                if (_perInvitation.AddOrUpdate(fact.ObjectId, 1, (_, n) => n + 1) > 1)
                {
                    OverlapsWithinOneInvitation++;
                }

                if (_inFlight >= expectedInFlight)
                {
                    _full.TrySetResult();
                }

                wait = _full.Task;
            }

            // The last item of a batch may have no partner; it must not wait for one forever (2 s: a partner descheduled
            // on a loaded machine still arrives in time).
            await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(2), cancellationToken));
            lock (_gate)
            {
                _inFlight--;
                _perInvitation.AddOrUpdate(fact.ObjectId, 0, (_, n) => n - 1);
                if (_inFlight == 0)
                {
                    _full = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                _facts.Enqueue(fact);
            }

            return DeliveryResult.Delivered();
        }
    }
}
