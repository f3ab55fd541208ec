using Invitations.Core.Tests.Support;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Core.Tests.Automation;

public sealed class AutoInviteTests
{
    private static readonly Instant Since = TestHost.Start - Duration.FromDays(1);

    private static DirectoryIdentity Identity(string id, Instant createdAt, string? personal = null, string? state = null) => new()
    {
        Id = id,
        Email = $"{id}@corp.example",
        PersonalEmail = personal,
        GivenName = "New",
        FamilyName = "Hire",
        CreatedAt = createdAt,
        LifecycleState = state,
    };

    private static TestHost Host(Action<InvitationsOptions>? more = null) => new(o =>
    {
        o.AutoInvite.Enabled = true;
        o.AutoInvite.EnabledSince = Since;
        o.AutoInvite.InviterDisplayName = "Acme onboarding";
        more?.Invoke(o);
    });

    [Fact]
    public async Task Disabled_by_default()
    {
        using var host = new TestHost();
        var outcome = await host.Automatic.OnIdentityCreatedAsync(Identity("ann", TestHost.Start));
        outcome.Status.Should().Be(AutoInviteStatus.Disabled);
        host.MemoryStore.Count.Should().Be(0);
    }

    [Fact]
    public async Task Identities_created_before_EnabledSince_are_never_invited_automatically()
    {
        using var host = Host(o => o.AutoInvite.LifecycleState = "active");
        var old = Identity("old", Since - Duration.FromTicks(1), state: "active");

        (await host.Automatic.OnIdentityCreatedAsync(old)).Status.Should().Be(AutoInviteStatus.CreatedBeforeEnabledSince);
        (await host.Automatic.OnLifecycleChangedAsync(old, "prehire")).Status.Should().Be(AutoInviteStatus.CreatedBeforeEnabledSince);
        host.MemoryStore.Count.Should().Be(0);
        host.Sender.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task A_new_identity_is_invited_once_even_when_the_event_arrives_twice()
    {
        using var host = Host();
        var identity = Identity("new", Since);

        var first = await host.Automatic.OnIdentityCreatedAsync(identity);
        var second = await host.Automatic.OnIdentityCreatedAsync(identity);
        var changed = await host.Automatic.OnIdentityCreatedAsync(identity with { GivenName = "Renamed" });

        first.Status.Should().Be(AutoInviteStatus.Invited);
        second.Status.Should().Be(AutoInviteStatus.AlreadyInvited);
        second.InvitationId.Should().Be(first.InvitationId);
        changed.Status.Should().Be(AutoInviteStatus.AlreadyInvited);
        changed.InvitationId.Should().Be(first.InvitationId);
        host.MemoryStore.Count.Should().Be(1);
        host.Sender.Sent.Should().ContainSingle();
        var data = await host.Store.FindAsync(first.InvitationId!.Value, default);
        data!.InvitedById.Should().Be("system");
        data.InvitedByName.Should().Be("Acme onboarding");
    }

    [Fact]
    public async Task The_personal_address_receives_the_message_when_present()
    {
        using var host = Host();
        await host.Automatic.OnIdentityCreatedAsync(Identity("pia", TestHost.Start, personal: "Pia@Home.Example"));
        await host.Automatic.OnIdentityCreatedAsync(Identity("wes", TestHost.Start));

        host.Sender.Sent.Select(m => m.To).Should().BeEquivalentTo("Pia@home.example", "wes@corp.example");
        var pia = (await host.Manager.FindAsync(new InvitationSearch { Email = "pia@corp.example" })).Value.Items.Single();
        pia.Email.Should().Be("pia@corp.example", "the identity keeps its work address; only delivery goes to the personal one");

        using var workOnly = Host(o => o.AutoInvite.PreferPersonalAddress = false);
        await workOnly.Automatic.OnIdentityCreatedAsync(Identity("pia", TestHost.Start, personal: "pia@home.example"));
        workOnly.Sender.Sent.Single().To.Should().Be("pia@corp.example");
    }

    [Fact]
    public async Task Only_entering_the_configured_lifecycle_state_triggers()
    {
        using var host = Host(o => o.AutoInvite.LifecycleState = "active");
        var prehire = Identity("leo", TestHost.Start, state: "prehire");

        (await host.Automatic.OnIdentityCreatedAsync(prehire)).Status.Should().Be(AutoInviteStatus.NotInTriggerState);
        (await host.Automatic.OnLifecycleChangedAsync(prehire with { LifecycleState = "Active" }, "active")).Status.Should().Be(AutoInviteStatus.NotInTriggerState);
        var entered = await host.Automatic.OnLifecycleChangedAsync(prehire with { LifecycleState = "active" }, "prehire");
        var again = await host.Automatic.OnLifecycleChangedAsync(prehire with { LifecycleState = "active" }, "prehire");

        entered.Status.Should().Be(AutoInviteStatus.Invited);
        again.Status.Should().Be(AutoInviteStatus.AlreadyInvited);
        host.Sender.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task A_pending_invitation_is_neither_resent_nor_duplicated_and_no_address_is_a_typed_failure()
    {
        using var host = Host();
        await host.InviteAsync(TestHost.Request("kim@corp.example"));

        (await host.Automatic.OnIdentityCreatedAsync(Identity("kim", TestHost.Start))).Status.Should().Be(AutoInviteStatus.SkippedPendingExists);
        var nothing = await host.Automatic.OnIdentityCreatedAsync(new DirectoryIdentity { Id = "ghost", CreatedAt = TestHost.Start });
        nothing.Status.Should().Be(AutoInviteStatus.Failed);
        nothing.Error!.Code.Should().Be(InvitationErrorCodes.EmailMissing);
        host.Sender.Sent.Should().ContainSingle();
    }

    [Fact]
    public void Enabling_without_EnabledSince_or_with_an_unknown_client_fails_startup()
    {
        var act = () => new TestHost(o =>
        {
            o.AutoInvite.Enabled = true;
            o.AutoInvite.ClientId = "nope";
            o.Maintenance.MaxAutomaticReinvites = -1;
        });

        var ex = act.Should().Throw<OptionsValidationException>().Which;
        ex.Message.Should().Contain("AutoInvite.EnabledSince").And.Contain("AutoInvite.ClientId").And.Contain("MaxAutomaticReinvites");
    }
}
