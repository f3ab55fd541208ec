using Invitations.Core.Tests.Support;
using Invitations.Maintenance;
using NodaTime;

namespace Invitations.Core.Tests.Maintenance;

public sealed class RetentionAndErasureTests
{
    [Fact]
    public async Task Retention_purges_closed_invitations_and_facts_at_the_limit_and_keeps_younger_ones()
    {
        using var host = new TestHost();
        var old = await host.InviteAsync(TestHost.Request("old@example.com"));
        await host.Manager.RevokeAsync(old.Invitation.Id, TestHost.Admin);
        host.Clock.Advance(Duration.FromMinutes(1));
        var young = await host.InviteAsync(TestHost.Request("young@example.com"));
        await host.Manager.RevokeAsync(young.Invitation.Id, TestHost.Admin);

        // The old one is 364 d 23 h 59 m old: it survives.
        host.Clock.Reset(TestHost.Start + Duration.FromDays(365) - Duration.FromMinutes(1));
        (await host.Maintenance.PurgeRetainedAsync()).Should().BeEquivalentTo(new RetentionPurgeResult());
        host.MemoryStore.Count.Should().Be(2);

        // At exactly 365 days it is gone, with its facts and message record; the younger one stays whole.
        host.Clock.Advance(Duration.FromMinutes(1));
        var purged = await host.Maintenance.PurgeRetainedAsync();

        purged.Should().BeEquivalentTo(new RetentionPurgeResult { OutboxItems = 3, Invitations = 1 });
        (await host.Store.FindAsync(old.Invitation.Id, default)).Should().BeNull();
        (await host.Manager.ListFactsAsync(old.Invitation.Id)).Should().BeEmpty();
        (await host.Store.FindAsync(young.Invitation.Id, default)).Should().NotBeNull();
        (await host.Manager.ListFactsAsync(young.Invitation.Id)).Select(f => f.Type).Should().Equal(FactTypes.InviteUser, FactTypes.InviteRevoked);
    }

    [Fact]
    public async Task Retention_never_deletes_a_pending_invitation_or_an_undelivered_item()
    {
        using var host = new TestHost(o => o.Delivery.Inline = false);
        var pending = await host.InviteAsync(TestHost.Request("slow@example.com"));
        host.Clock.Advance(Duration.FromDays(400));

        (await host.Maintenance.PurgeRetainedAsync()).Should().BeEquivalentTo(new RetentionPurgeResult());
        (await host.Store.FindAsync(pending.Invitation.Id, default)).Should().NotBeNull();
        host.MemoryStore.PendingOutboxCount.Should().Be(2);
    }

    [Fact]
    public async Task Retention_purges_in_batches()
    {
        using var host = new TestHost(o => o.Maintenance.BatchSize = 7);
        for (var i = 0; i < 30; i++)
        {
            var invited = await host.InviteAsync(TestHost.Request($"p{i}@example.com"));
            await host.Manager.RevokeAsync(invited.Invitation.Id, TestHost.Admin);
        }

        host.Clock.Advance(Duration.FromDays(366));
        var purged = await host.Maintenance.PurgeRetainedAsync();

        purged.Should().BeEquivalentTo(new RetentionPurgeResult { OutboxItems = 90, Invitations = 30 });
        host.MemoryStore.Count.Should().Be(0);
        host.MemoryStore.SnapshotOutbox().Should().BeEmpty();
    }

    [Fact]
    public async Task Erasure_leaves_no_trace_of_the_address_in_the_store()
    {
        using var host = new TestHost(o => { o.Defaults.PhoneRegion = "DE"; o.Limits.ResendCooldown = TimeSpan.Zero; });
        var accepted = await host.InviteAsync(TestHost.Request("jane.doe@example.com") with { PersonalEmail = "jd.private@home.example" });
        (await host.Redemption.AcceptAsync(TestHost.TokenOf(accepted.Link!), new AcceptRequest("sub-jane"))).IsSuccess.Should().BeTrue();
        var pending = await host.InviteAsync(TestHost.Request("Jane.Doe@example.com") with { OrganizationId = "org-2" });
        await host.Manager.ResendAsync(pending.Invitation.Id, TestHost.Admin);
        var undelivered = await host.InviteAsync(TestHost.Request("jd.private@home.example") with { OrganizationId = "org-3" });
        var bob = await host.InviteAsync(TestHost.Request("bob@example.com"));
        var sms = await host.InviteAsync(TestHost.Request() with { Email = null, MobileNumber = "+4915123456789", OrganizationId = "org-4" });

        (await Ops.DumpStoreAsync(host)).Should().Contain("jane.doe@example.com", "the scan must see the data it looks for");
        var report = await host.Erasure.EraseAsync("JANE.DOE@Example.com");
        var personal = await host.Erasure.EraseAsync("jd.private@home.example");
        var phone = await host.Erasure.EraseAsync("0151 2345 6789");

        report.Value.Invitations.Should().Be(2);
        report.Value.OutboxItems.Should().Be(3 + 4, "accepted: invite fact, message, accepted fact; pending: two facts and two messages");
        personal.Value.Invitations.Should().Be(1);
        phone.Value.Invitations.Should().Be(1);
        var dump = await Ops.DumpStoreAsync(host);
        dump.Should().NotContainEquivalentOf("jane.doe").And.NotContainEquivalentOf("jd.private").And.NotContain("+4915123456789").And.NotContain("15123456789");
        dump.Should().Contain("bob@example.com", "other people's data is untouched");
        host.MemoryStore.Count.Should().Be(1);
        (await host.Manager.GetAsync(accepted.Invitation.Id)).Error!.Code.Should().Be(InvitationErrorCodes.InvitationNotFound);
        (await host.Manager.ListFactsAsync(pending.Invitation.Id)).Should().BeEmpty();
        (await host.Redemption.PreviewAsync(TestHost.TokenOf(undelivered.Link!))).Error!.Code.Should().Be(InvitationErrorCodes.InvalidToken);
        (await host.Redemption.PreviewAsync(TestHost.TokenOf(bob.Link!))).IsSuccess.Should().BeTrue();
        sms.Invitation.Id.Should().NotBe(bob.Invitation.Id);

        // The person may be invited again afterwards: nothing (no pending index entry) is left behind.
        (await host.Manager.InviteAsync(TestHost.Request("jane.doe@example.com"))).Value.Status.Should().Be(InviteStatus.Created);
    }

    [Fact]
    public async Task Erasure_of_an_unknown_address_reports_nothing_and_an_invalid_one_is_a_typed_error()
    {
        using var host = new TestHost();
        (await host.Erasure.EraseAsync("nobody@example.com")).Value.Should().BeEquivalentTo(new ErasureResult());
        (await host.Erasure.EraseAsync("not an address@")).Error!.Code.Should().Be(InvitationErrorCodes.EmailInvalid);
        (await host.Erasure.EraseAsync("12")).Error!.Code.Should().Be(InvitationErrorCodes.MobileNumberInvalid);
    }
}
