using Invitations.Core.Tests.Support;
using NodaTime;

namespace Invitations.Core.Tests.Delivery;

/// <summary>Issue 13 finding 7: a sink's Retry-After of ten years parked the fact (and every later one) for good.</summary>
public sealed class RetryAfterCapTests
{
    [Fact]
    public async Task A_sinks_retry_after_is_capped_at_the_longest_step_of_the_retry_schedule()
    {
        var sink = new StubbornSink(Duration.FromDays(3650));
        using var host = new TestHost(adapters: b => b.AddWebhookSink(sink));

        await host.InviteAsync();

        var fact = host.MemoryStore.SnapshotOutbox().Single(i => i.Kind == OutboxItemKind.Fact);
        sink.Calls.Should().BeGreaterThan(0);
        fact.Attempts.Should().Be(1);
        (fact.DueAt - host.Clock.GetCurrentInstant()).Should().Be(Duration.FromHours(24), "the default schedule's longest step");
    }

    [Fact]
    public async Task A_retry_after_below_the_cap_is_honoured()
    {
        var sink = new StubbornSink(Duration.FromMinutes(42));
        using var host = new TestHost(adapters: b => b.AddWebhookSink(sink));

        await host.InviteAsync();

        var fact = host.MemoryStore.SnapshotOutbox().Single(i => i.Kind == OutboxItemKind.Fact);
        (fact.DueAt - host.Clock.GetCurrentInstant()).Should().Be(Duration.FromMinutes(42));
    }

    private sealed class StubbornSink(Duration retryAfter) : IWebhookSink
    {
        public int Calls { get; private set; }

        public ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact, CancellationToken cancellationToken)
        {
            Calls++;
            return new(DeliveryResult.Transient("429 Too Many Requests", retryAfter));
        }
    }
}
