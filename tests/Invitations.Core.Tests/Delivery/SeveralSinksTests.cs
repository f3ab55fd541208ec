using Invitations.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Invitations.Core.Tests.Support;
using NodaTime;

namespace Invitations.Core.Tests.Delivery;

/// <summary><c>AddWebhookSink</c> adds: every fact goes to every added sink, and the in-memory default steps aside.</summary>
public sealed class SeveralSinksTests
{
    private static OutboxDispatcher Dispatcher(TestHost host) => (OutboxDispatcher)host.Services.GetService(typeof(OutboxDispatcher))!;

    [Fact]
    public async Task Every_added_sink_receives_every_fact_and_the_in_memory_default_none()
    {
        FaultySink first = new(), second = new();
        using var host = new TestHost(adapters: b => b.AddWebhookSink(first).AddWebhookSink(second));

        var invited = await host.InviteAsync();
        await host.Manager.RevokeAsync(invited.Invitation.Id, TestHost.Admin);

        first.Delivered.Select(f => f.Type).Should().Equal(FactTypes.InviteUser, FactTypes.InviteRevoked);
        second.Delivered.Select(f => f.Type).Should().Equal(FactTypes.InviteUser, FactTypes.InviteRevoked);
        host.Services.GetServices<IWebhookSink>().OfType<InMemoryWebhookSink>().Single().Facts.Should().BeEmpty(
            "the in-memory sink is the default a real sink replaces");
    }

    [Fact]
    public async Task A_transient_failure_of_one_sink_retries_only_its_lane_and_the_healthy_sink_sees_the_fact_once()
    {
        FaultySink healthy = new(), failing = new() { Mode = FaultMode.Transient };
        using var host = new TestHost(adapters: b => b.AddWebhookSink(healthy).AddWebhookSink(failing));

        var invited = await host.InviteAsync();

        var facts = host.MemoryStore.SnapshotOutbox().Where(i => i.Kind == OutboxItemKind.Fact).ToList();
        facts.Select(i => i.Lane).Should().BeEquivalentTo([healthy.Name, failing.Name], "one item per sink lane");
        facts.Single(i => i.Lane == healthy.Name).Status.Should().Be(OutboxItemStatus.Delivered);
        facts.Single(i => i.Lane == failing.Name).Attempts.Should().Be(1, "only the failing lane stays pending");
        failing.Mode = FaultMode.Healthy;
        host.Clock.Advance(Duration.FromSeconds(7));
        (await Dispatcher(host).DispatchAsync(null, default)).Should().Be(1, "only the failing lane is retried");

        failing.Delivered.Should().ContainSingle().Which.ObjectId.Should().Be(invited.Invitation.Id);
        healthy.Delivered.Should().ContainSingle("the healthy lane acknowledged the fact: it is not delivered again");
        host.MemoryStore.PendingOutboxCount.Should().Be(0);
    }

    [Fact]
    public async Task A_permanent_failure_of_one_sink_fails_the_fact_for_that_sink_only()
    {
        FaultySink healthy = new(), broken = new() { Mode = FaultMode.Permanent };
        using var host = new TestHost(adapters: b => b.AddWebhookSink(broken).AddWebhookSink(healthy));

        await host.InviteAsync();

        healthy.Delivered.Should().ContainSingle();
        var items = host.MemoryStore.SnapshotOutbox().Where(i => i.Kind == OutboxItemKind.Fact).ToList();
        items.Single(i => i.Lane == broken.Name).Status.Should().Be(OutboxItemStatus.Failed);
        items.Single(i => i.Lane == healthy.Name).Status.Should().Be(OutboxItemStatus.Delivered);
    }
}
