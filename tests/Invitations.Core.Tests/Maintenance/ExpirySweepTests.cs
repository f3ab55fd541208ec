using Invitations.Maintenance;
using Invitations.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;

namespace Invitations.Core.Tests.Maintenance;

public sealed class ExpirySweepTests
{
    [Fact]
    public async Task Two_concurrent_sweepers_emit_INVITE_EXPIRED_exactly_once_per_invitation()
    {
        using var host = new TestHost(o => o.Maintenance.BatchSize = 25);
        for (var i = 0; i < 400; i++)
        {
            await host.InviteAsync(TestHost.Request($"person-{i}@example.com"));
        }

        host.Clock.Advance(Duration.FromDays(7)); // exactly at ExpiresAt: due
        var sweeps = await Task.WhenAll(
            Task.Run(() => host.Maintenance.ExpireDueAsync()),
            Task.Run(() => host.Maintenance.ExpireDueAsync()),
            Task.Run(() => host.Maintenance.ExpireDueAsync()));

        sweeps.Sum(s => s.Expired).Should().Be(400);
        var expiredFacts = host.MemoryStore.SnapshotOutbox().Where(i => i.Fact?.Type == FactTypes.InviteExpired).ToList();
        expiredFacts.Should().HaveCount(400);
        expiredFacts.GroupBy(i => i.InvitationId).Should().OnlyContain(g => g.Count() == 1);
        (await host.Maintenance.ExpireDueAsync()).Expired.Should().Be(0);
        (await host.Store.FindExpiredPendingAsync(host.Clock.GetCurrentInstant(), 10, default)).Should().BeEmpty();
        var page = await host.Manager.FindAsync(new InvitationSearch { State = InvitationState.Expired, PageSize = 1000 });
        page.Value.Items.Should().HaveCount(400);
    }

    [Fact]
    public async Task Not_yet_due_and_closed_invitations_are_left_alone()
    {
        using var host = new TestHost();
        var pending = await host.InviteAsync(TestHost.Request("a@example.com"));
        var accepted = await host.InviteAsync(TestHost.Request("b@example.com"));
        (await host.Redemption.AcceptAsync(TestHost.TokenOf(accepted.Link!), new AcceptRequest("sub-b"))).IsSuccess.Should().BeTrue();

        host.Clock.Advance(Duration.FromDays(7) - Duration.FromTicks(1));
        (await host.Maintenance.ExpireDueAsync()).Expired.Should().Be(0);
        host.Clock.Advance(Duration.FromDays(30));
        (await host.Maintenance.ExpireDueAsync()).Expired.Should().Be(1);

        (await host.Store.FindAsync(pending.Invitation.Id, default))!.State.Should().Be(InvitationState.Expired);
        (await host.Store.FindAsync(accepted.Invitation.Id, default))!.State.Should().Be(InvitationState.Accepted);
        host.Sink.Facts.Count(f => f.Type == FactTypes.InviteExpired).Should().Be(1);
    }

    [Fact]
    public async Task Expired_invitations_are_not_re_invited_by_default()
    {
        using var host = new TestHost();
        await host.InviteAsync();
        host.Clock.Advance(Duration.FromDays(8));

        var sweep = await host.Maintenance.ExpireDueAsync();

        sweep.Should().BeEquivalentTo(new ExpirySweepResult { Expired = 1, Reinvited = 0 });
        host.Sender.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task Automatic_re_invitation_after_expiry_happens_at_most_N_times()
    {
        using var host = new TestHost(o => o.Maintenance.MaxAutomaticReinvites = 2);
        var invited = await host.InviteAsync();

        var results = new List<ExpirySweepResult>();
        for (var round = 0; round < 4; round++)
        {
            host.Clock.Advance(Duration.FromDays(7));
            results.Add(await host.Maintenance.ExpireDueAsync());
        }

        results.Select(r => r.Expired).Should().Equal(1, 1, 1, 0);
        results.Select(r => r.Reinvited).Should().Equal(1, 1, 0, 0);
        var data = await host.Store.FindAsync(invited.Invitation.Id, default);
        data!.State.Should().Be(InvitationState.Expired);
        data.ResendCount.Should().Be(2);
        host.Sender.Sent.Should().HaveCount(3);
        host.Sink.Facts.Select(f => f.Type).Should().Equal(
            FactTypes.InviteUser, FactTypes.InviteExpired, FactTypes.InviteUser, FactTypes.InviteExpired, FactTypes.InviteUser, FactTypes.InviteExpired);
    }

    [Fact]
    public async Task The_background_maintenance_service_sweeps_and_purges()
    {
        using var host = new TestHost(o => o.Maintenance.Interval = TimeSpan.FromMilliseconds(20));
        var invited = await host.InviteAsync();
        host.Clock.Advance(Duration.FromDays(8));
        var service = host.Services.GetServices<IHostedService>().OfType<MaintenanceHostedService>().Single();

        await service.StartAsync(default);
        try
        {
            await WaitUntilAsync(async () => (await host.Store.FindAsync(invited.Invitation.Id, default))?.State == InvitationState.Expired);
            host.Clock.Advance(Duration.FromDays(366));
            await WaitUntilAsync(async () => await host.Store.FindAsync(invited.Invitation.Id, default) is null);
        }
        finally
        {
            await service.StopAsync(default);
        }

        host.MemoryStore.SnapshotOutbox().Should().BeEmpty();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the background service should have run");
            await Task.Delay(20);
        }
    }
}
