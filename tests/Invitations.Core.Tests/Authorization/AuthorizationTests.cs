using Invitations.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Invitations.Core.Tests.Authorization;

/// <summary>Issue 13 finding 3: an inviter reaches only their own invitations and grants only what they hold.</summary>
public sealed class AuthorizationTests
{
    /// <summary>An inviter holding only the inviter role, as in the review.</summary>
    private static readonly InvitationActor Ivy = new("ivy", "Ivy Inviter", ["user_invite"]);

    private static InviteRequest Request(InvitationActor inviter, string email = "jane.doe@example.com", string[]? roles = null, string[]? groups = null) => new()
    {
        Inviter = inviter,
        Email = email,
        Roles = roles ?? [],
        Groups = groups ?? [],
    };

    /// <summary>Everything a refusal must leave untouched: invitations, queued facts and messages, sent messages.</summary>
    private static (int Invitations, int Outbox, int Sent, int Facts) Written(TestHost host) =>
        (host.MemoryStore.Count, host.MemoryStore.SnapshotOutbox().Count, host.Sender.Sent.Count, host.Sink.Facts.Count);

    [Fact]
    public async Task Review_repro_a_reinvite_by_another_inviter_gets_no_link_and_changes_nothing()
    {
        using var host = new TestHost();
        var original = await host.InviteAsync(Request(TestHost.Admin, roles: ["tenant-admin"]));
        var before = Written(host);

        var reinvite = await host.Manager.InviteAsync(Request(Ivy, roles: ["viewer"]));

        reinvite.IsSuccess.Should().BeFalse("before the fix this was Resent with the live link of a tenant-admin invitation");
        reinvite.Error!.Code.Should().Be(InvitationErrorCodes.Forbidden, "Ivy does not hold 'viewer' either");
        Written(host).Should().Be(before);
        var stored = await host.Store.FindAsync(original.Invitation.Id, default);
        stored!.Version.Should().Be(original.Invitation.Version);
        (await host.Redemption.PreviewAsync(TestHost.TokenOf(original.Link!))).IsSuccess.Should().BeTrue("the original link still works: no token was rotated");
    }

    [Fact]
    public async Task A_duplicate_pending_reinvite_by_someone_else_answers_duplicate_pending_without_link_or_resend()
    {
        using var host = new TestHost();
        var original = await host.InviteAsync(Request(TestHost.Admin, roles: ["tenant-admin"]));
        var before = Written(host);
        var holder = Ivy with { Roles = ["user_invite", "viewer"] };

        var reinvite = await host.Manager.InviteAsync(Request(holder, roles: ["viewer"]));

        reinvite.Error!.Code.Should().Be(InvitationErrorCodes.DuplicatePending);
        Written(host).Should().Be(before, "the other inviter's invitation is neither resent nor renewed");
        (await host.Store.FindAsync(original.Invitation.Id, default))!.Version.Should().Be(original.Invitation.Version);
    }

    [Fact]
    public async Task A_duplicate_reused_for_someone_else_is_duplicate_pending_without_the_snapshot()
    {
        using var host = new TestHost(o => o.DuplicatePending = DuplicatePendingBehavior.Reuse);
        await host.InviteAsync(Request(TestHost.Admin, roles: ["tenant-admin"]));

        var reinvite = await host.Manager.InviteAsync(Request(Ivy));

        reinvite.Error!.Code.Should().Be(InvitationErrorCodes.DuplicatePending);
        (await host.Manager.InviteAsync(Request(TestHost.Admin))).Value.Status.Should().Be(InviteStatus.Reused, "an administrator still reuses it");
    }

    [Fact]
    public async Task An_expired_duplicate_of_someone_else_is_closed_and_a_fresh_invitation_carries_only_the_new_grants()
    {
        using var host = new TestHost();
        var original = await host.InviteAsync(Request(TestHost.Admin, roles: ["tenant-admin"]));
        host.Clock.AdvanceDays(30);

        var fresh = await host.Manager.InviteAsync(Request(Ivy));

        fresh.Value.Status.Should().Be(InviteStatus.Created);
        fresh.Value.Invitation.Id.Should().NotBe(original.Invitation.Id);
        fresh.Value.Invitation.Roles.Should().BeEmpty();
        (await host.Store.FindAsync(original.Invitation.Id, default))!.State.Should().Be(InvitationState.Expired);
    }

    [Fact]
    public async Task The_inviter_of_an_invitation_still_gets_the_duplicate_resent_with_its_link()
    {
        using var host = new TestHost();
        await host.InviteAsync(Request(Ivy));
        host.Clock.AdvanceMinutes(10);

        var again = await host.Manager.InviteAsync(Request(Ivy));

        again.Value.Status.Should().Be(InviteStatus.Resent);
        again.Value.Link.Should().NotBeNull();
    }

    [Fact]
    public async Task Resending_someone_elses_invitation_is_forbidden_and_writes_nothing()
    {
        using var host = new TestHost();
        var original = await host.InviteAsync(Request(TestHost.Admin, roles: ["tenant-admin"]));
        host.Clock.AdvanceMinutes(10);
        var before = Written(host);

        var resent = await host.Manager.ResendAsync(original.Invitation.Id, Ivy);

        resent.Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
        resent.Error.Message.Should().Contain("only the inviter of this invitation or an administrator may resend it");
        Written(host).Should().Be(before);
        (await host.Store.FindAsync(original.Invitation.Id, default))!.Version.Should().Be(original.Invitation.Version);
    }

    [Fact]
    public async Task Resending_ones_own_invitation_needs_the_grants_still_held()
    {
        using var host = new TestHost();
        var editor = Ivy with { Roles = ["user_invite", "editor"] };
        var own = await host.InviteAsync(Request(editor, roles: ["editor"]));
        host.Clock.AdvanceMinutes(10);

        var demoted = await host.Manager.ResendAsync(own.Invitation.Id, editor with { Roles = ["user_invite"] });
        var resent = await host.Manager.ResendAsync(own.Invitation.Id, editor);

        demoted.Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
        demoted.Error.Message.Should().Contain("role 'editor'");
        resent.Value.Link.Should().NotBeNull();
    }

    [Fact]
    public async Task Revoking_someone_elses_invitation_is_forbidden_and_writes_nothing()
    {
        using var host = new TestHost();
        var original = await host.InviteAsync(Request(TestHost.Admin));
        var before = Written(host);

        var revoked = await host.Manager.RevokeAsync(original.Invitation.Id, Ivy);

        revoked.Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
        Written(host).Should().Be(before);
        (await host.Store.FindAsync(original.Invitation.Id, default))!.State.Should().Be(original.Invitation.State);
        (await host.Manager.RevokeAsync((await host.InviteAsync(Request(Ivy, "ivy.own@example.com"))).Invitation.Id, Ivy)).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task An_inviter_cannot_grant_roles_they_do_not_hold_and_the_error_names_them()
    {
        using var host = new TestHost();

        var result = await host.Manager.InviteAsync(Request(Ivy, roles: ["admin", "owner", "user_invite"]));

        result.Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
        result.Error.Message.Should().Contain("roles 'admin', 'owner'").And.NotContain("'user_invite'");
        Written(host).Should().Be((0, 0, 0, 0));
    }

    [Fact]
    public async Task An_inviter_grants_only_groups_they_belong_to()
    {
        using var host = new TestHost();
        var staff = Ivy with { Groups = ["staff"] };

        (await host.Manager.InviteAsync(Request(staff, "a@example.com", groups: ["staff"]))).IsSuccess.Should().BeTrue();
        var finance = await host.Manager.InviteAsync(Request(staff, "b@example.com", groups: ["staff", "finance"]));

        finance.Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
        finance.Error.Message.Should().Contain("group 'finance'");
    }

    [Fact]
    public async Task An_administrator_grants_anything_and_the_administrator_roles_are_configurable()
    {
        using var host = new TestHost(o => o.Inviters.AdministratorRoles.Add("tenant_owner"));
        var owner = new InvitationActor("olga", null, ["user_invite", "tenant_owner"]);

        (await host.Manager.InviteAsync(Request(TestHost.Admin, "a@example.com", roles: ["owner"], groups: ["finance"]))).IsSuccess.Should().BeTrue();
        (await host.Manager.InviteAsync(Request(owner, "b@example.com", roles: ["owner"]))).IsSuccess.Should().BeTrue();
        using var strict = new TestHost(o => o.Inviters.AdministratorRoles.Clear());
        (await strict.Manager.InviteAsync(Request(TestHost.Admin, roles: ["owner"]))).Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
    }

    [Fact]
    public async Task The_unrestricted_grant_policy_lets_any_inviter_grant_anything_but_still_not_reach_others_invitations()
    {
        using var host = new TestHost(o => o.Inviters.GrantPolicy = GrantPolicy.Unrestricted);
        var admins = await host.InviteAsync(Request(TestHost.Admin, "a@example.com"));

        (await host.Manager.InviteAsync(Request(Ivy, "b@example.com", roles: ["admin", "owner"]))).IsSuccess.Should().BeTrue();
        (await host.Manager.GetAsync(admins.Invitation.Id, Ivy)).Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Reading_finding_and_listing_facts_show_an_inviter_only_their_own_and_an_administrator_everything()
    {
        using var host = new TestHost();
        var admins = await host.InviteAsync(Request(TestHost.Admin, "a@example.com"));
        var ivys = await host.InviteAsync(Request(Ivy, "b@example.com"));

        (await host.Manager.GetAsync(admins.Invitation.Id, Ivy)).Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
        (await host.Manager.GetAsync(ivys.Invitation.Id, Ivy)).Value.Id.Should().Be(ivys.Invitation.Id);
        (await host.Manager.GetAsync(admins.Invitation.Id, TestHost.Admin)).IsSuccess.Should().BeTrue();

        (await host.Manager.FindAsync(new InvitationSearch(), Ivy)).Value.Items.Select(i => i.Id).Should().Equal(ivys.Invitation.Id);
        (await host.Manager.FindAsync(new InvitationSearch { InvitedBy = TestHost.Admin.Id }, Ivy)).Value.Items.Should().BeEmpty();
        (await host.Manager.FindAsync(new InvitationSearch(), TestHost.Admin)).Value.Items.Should().HaveCount(2);

        (await host.Manager.ListFactsAsync(admins.Invitation.Id, Ivy)).Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
        (await host.Manager.ListFactsAsync(ivys.Invitation.Id, Ivy)).Value.Should().ContainSingle(f => f.Type == FactTypes.InviteUser);
        (await host.Manager.ListFactsAsync(new InvitationId(Guid.NewGuid()), Ivy)).Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
        (await host.Manager.ListFactsAsync(new InvitationId(Guid.NewGuid()), TestHost.Admin)).Value.Should().BeEmpty();
    }

    [Fact]
    public async Task Reads_need_a_valid_actor_with_an_inviter_role()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync(Request(TestHost.Admin));
        var outsider = new InvitationActor("eve", null, ["viewer"]);

        (await host.Manager.GetAsync(invited.Invitation.Id, outsider)).Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
        (await host.Manager.FindAsync(new InvitationSearch(), outsider)).Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
        (await host.Manager.ListFactsAsync(invited.Invitation.Id, null!)).Error!.Code.Should().Be(InvitationErrorCodes.FieldInvalid);
    }

    [Fact]
    public async Task Bulk_rows_are_authorized_per_row_and_an_administrators_run_still_invites()
    {
        using var host = new TestHost();
        var requests = Ops.Stream(new[] { Request(TestHost.Admin, "a@example.com", roles: ["owner"]), Request(Ivy, "b@example.com", roles: ["owner"]), Request(Ivy, "c@example.com") });

        var outcomes = await Ops.CollectAsync(host.Bulk.InviteManyAsync(requests, new BulkInviteOptions { MaxDegreeOfParallelism = 1 }));

        outcomes.Select(o => o.Status).Should().Equal(BulkInviteStatus.Invited, BulkInviteStatus.Failed, BulkInviteStatus.Invited);
        outcomes[1].Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Automatic_invitations_and_the_expiry_reinvitation_act_as_the_system_and_are_not_asked()
    {
        var authorizer = new RecordingAuthorizer(_ => InvitationAuthorizationResult.Deny("the host denies everything"));
        using var host = new TestHost(
            o =>
            {
                o.AutoInvite.Enabled = true;
                o.AutoInvite.EnabledSince = TestHost.Start - NodaTime.Duration.FromDays(1);
                o.Inviters.Roles.Remove("admin");
            },
            b => b.Services.AddSingleton<IInvitationAuthorizer>(authorizer));

        var outcome = await host.Automatic.OnIdentityCreatedAsync(new DirectoryIdentity { Id = "ann", Email = "ann@corp.example", CreatedAt = TestHost.Start });

        outcome.Status.Should().Be(AutoInviteStatus.Invited);
        host.Sender.Sent.Should().ContainSingle();
        authorizer.Contexts.Should().BeEmpty();
    }
}
