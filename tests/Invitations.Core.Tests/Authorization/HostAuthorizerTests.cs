using Invitations.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Invitations.Core.Tests.Authorization;

public sealed class HostAuthorizerTests
{
    /// <summary>A host rule the default cannot express: members of an organization administer its invitations.</summary>
    private sealed class OrganizationAuthorizer : IInvitationAuthorizer
    {
        public ValueTask<InvitationAuthorizationResult> AuthorizeAsync(InvitationAuthorizationContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(context.Actor.Groups.Contains("org:" + context.OrganizationId)
                ? InvitationAuthorizationResult.Allow()
                : InvitationAuthorizationResult.Deny($"the actor is not a member of organization '{context.OrganizationId}'"));
    }

    private static InviteRequest Request(InvitationActor inviter, string org, string email) => new()
    {
        Inviter = inviter, Email = email, OrganizationId = org, Roles = ["owner"],
    };

    [Fact]
    public async Task UseAuthorizer_replaces_the_default_for_every_operation()
    {
        using var host = new TestHost(adapters: b => b.UseAuthorizer<OrganizationAuthorizer>());
        var acme = new InvitationActor("amy", null, ["user_invite"]) { Groups = ["org:acme"] };
        var other = new InvitationActor("bob", null, ["user_invite"]) { Groups = ["org:acme"] };

        var invited = await host.Manager.InviteAsync(Request(acme, "acme", "a@example.com"));
        var elsewhere = await host.Manager.InviteAsync(Request(acme, "globex", "b@example.com"));

        invited.IsSuccess.Should().BeTrue("the host allows granting 'owner', which the default would refuse");
        elsewhere.Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
        elsewhere.Error.Message.Should().Contain("the actor is not a member of organization 'globex'");
        (await host.Manager.GetAsync(invited.Value.Invitation.Id, other)).IsSuccess.Should().BeTrue("the host lets a fellow member read it");
        (await host.Manager.RevokeAsync(invited.Value.Invitation.Id, other)).IsSuccess.Should().BeTrue();
        (await host.Manager.RevokeAsync(invited.Value.Invitation.Id, TestHost.Admin)).Error!.Code.Should().Be(InvitationErrorCodes.Forbidden, "the host's rule binds administrators too");
    }

    [Fact]
    public async Task An_authorizer_registered_before_AddInvitations_is_kept_and_sees_operation_actor_organization_invitation_and_grants()
    {
        var authorizer = new RecordingAuthorizer(c => c.Operation == InvitationOperation.Resend
            ? InvitationAuthorizationResult.Deny("resending is done by the help desk")
            : InvitationAuthorizationResult.Allow());
        var services = new ServiceCollection();
        services.AddSingleton<IInvitationAuthorizer>(authorizer);
        services.AddInvitations();
        services.BuildServiceProvider().GetRequiredService<IInvitationAuthorizer>().Should().BeSameAs(authorizer);

        using var host = new TestHost(adapters: b => b.Services.AddSingleton<IInvitationAuthorizer>(authorizer));
        var request = TestHost.Request() with { OrganizationId = "acme" };
        var invited = await host.InviteAsync(request);
        host.Clock.AdvanceMinutes(10);
        var before = host.MemoryStore.SnapshotOutbox().Count;
        var resent = await host.Manager.ResendAsync(invited.Invitation.Id, TestHost.Admin);

        resent.Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
        resent.Error.Message.Should().Be("Insufficient Permission: resending is done by the help desk");
        host.MemoryStore.SnapshotOutbox().Count.Should().Be(before);
        var invite = authorizer.Contexts.First();
        invite.Operation.Should().Be(InvitationOperation.Invite);
        invite.Actor.Should().Be(TestHost.Admin);
        invite.OrganizationId.Should().Be("acme");
        invite.Invitation.Should().BeNull();
        invite.Groups.Should().Equal("staff");
        invite.Roles.Should().Equal("editor");
        var resend = authorizer.Contexts.Last();
        resend.Operation.Should().Be(InvitationOperation.Resend);
        resend.Invitation!.Id.Should().Be(invited.Invitation.Id);
        resend.Roles.Should().Equal("editor");
    }
}
