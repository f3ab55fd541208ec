using System.Security.Claims;
using Invitations.AspNetCore.Identity.Tests.Support;

namespace Invitations.AspNetCore.Identity.Tests;

/// <summary>An invitee already signed in sees which account they are in and chooses; nothing is accepted silently.</summary>
public sealed class SignedInTests
{
    [Fact]
    public async Task Nobody_signed_in_is_NotSignedIn_with_the_preview()
    {
        await using var host = await IdentityHost.StartAsync();
        var (id, token) = await host.InviteAsync();

        var check = await host.CheckSignedInAsync(new ClaimsPrincipal(new ClaimsIdentity()), token);

        check.Value.Status.Should().Be(SignedInAccountStatus.NotSignedIn);
        check.Value.Invitation.Id.Should().Be(id);
        check.Value.SignedInEmail.Should().BeNull();
    }

    [Fact]
    public async Task An_account_with_the_invited_address_is_SameAddress()
    {
        await using var host = await IdentityHost.StartAsync();
        var (_, token) = await host.InviteAsync();
        var bob = await host.CreateUserAsync("Bob@Example.com");

        var check = await host.CheckSignedInAsync(await host.PrincipalAsync(bob), token);

        check.Value.Status.Should().Be(SignedInAccountStatus.SameAddress);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_account_with_another_address_is_DifferentAddress_and_says_whether_it_may_accept(bool sameEmailOnly)
    {
        await using var host = await IdentityHost.StartAsync();
        var (_, token) = await host.InviteAsync(new InviteRequest { Inviter = InvitationActor.Admin("alice"), Email = "bob@example.com", ClientId = "web", AllowSameEmailOnly = sameEmailOnly });
        var other = await host.CreateUserAsync("robert@example.org");

        var check = await host.CheckSignedInAsync(await host.PrincipalAsync(other), token);

        check.Value.Status.Should().Be(SignedInAccountStatus.DifferentAddress);
        check.Value.SignedInEmail.Should().Be("robert@example.org");
        check.Value.Invitation.Email.Should().Be("bob@example.com");
        check.Value.SameEmailRequired.Should().Be(sameEmailOnly);
    }

    [Fact]
    public async Task The_check_changes_nothing_and_reports_a_bad_token()
    {
        await using var host = await IdentityHost.StartAsync();
        var (id, token) = await host.InviteAsync();
        var other = await host.CreateUserAsync("robert@example.org");

        (await host.CheckSignedInAsync(await host.PrincipalAsync(other), token)).IsSuccess.Should().BeTrue();
        (await host.CheckSignedInAsync(await host.PrincipalAsync(other), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).Error!.Code.Should().Be(InvitationErrorCodes.InvalidToken);

        (await host.InvitationAsync(id)).State.Should().Be(InvitationState.Initiated);
        (await host.ClaimsAsync(other)).Should().BeEmpty();
    }

    [Fact]
    public async Task Accepting_into_the_chosen_account_grants_the_invitation_to_it()
    {
        await using var host = await IdentityHost.StartAsync(roles: ["editor"]);
        var (id, token) = await host.InviteAsync(roles: ["editor"], groups: ["staff"]);
        var other = await host.CreateUserAsync("robert@example.org");

        var result = await host.AcceptSignedInAsync(other, token);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.User!.Id.Should().Be(other.Id);
        result.Accepted!.Invitation.AcceptedSubjectId.Should().Be(other.Id);
        (await host.RolesAsync(other)).Should().Equal("editor");
        (await host.ClaimsAsync(other)).Should().Contain(c => c.Type == InvitationAccountOptions.DefaultGroupClaimType && c.Value == "staff");
        (await host.UsersAsync()).Should().ContainSingle("no account is created");
        var facts = await host.Store.ListFactsAsync(id, CancellationToken.None);
        facts.Should().Contain(f => f.Type == FactTypes.InviteAccepted).And.NotContain(f => f.Type == FactTypes.AccountCreated);
    }

    [Fact]
    public async Task A_double_click_into_the_signed_in_account_keeps_the_grants_of_the_request_that_won()
    {
        await using var host = await IdentityHost.StartAsync(roles: ["editor"]);
        var (id, token) = await host.InviteAsync(roles: ["editor"], groups: ["staff"]);
        var other = await host.CreateUserAsync("robert@example.org");
        InvitationAccountResult<Microsoft.AspNetCore.Identity.IdentityUser>? second = null;
        host.Store.BeforeUpdate = async () =>
        {
            // The first request has added the grants and is about to accept: the second finds them present, adds
            // nothing, and wins the accept.
            host.Store.BeforeUpdate = null;
            second = await host.AcceptSignedInAsync(other, token);
        };

        var first = await host.AcceptSignedInAsync(other, token);

        second!.Succeeded.Should().BeTrue(second.Error?.ToString());
        first.Error!.Code.Should().Be(InvitationErrorCodes.InvitationAlreadyAccepted);
        (await host.InvitationAsync(id)).AcceptedSubjectId.Should().Be(other.Id);
        (await host.RolesAsync(other)).Should().Equal(["editor"], "the losing request must not take back what the accepted invitation granted");
        (await host.ClaimsAsync(other)).Should().Contain(c => c.Type == InvitationAccountOptions.DefaultGroupClaimType && c.Value == "staff");
    }

    [Fact]
    public async Task A_same_email_only_invitation_refuses_another_account_and_grants_nothing()
    {
        await using var host = await IdentityHost.StartAsync(roles: ["editor"]);
        var (id, token) = await host.InviteAsync(new InviteRequest { Inviter = InvitationActor.Admin("alice"), Email = "bob@example.com", ClientId = "web", Roles = ["editor"], AllowSameEmailOnly = true });
        var other = await host.CreateUserAsync("robert@example.org");

        var result = await host.AcceptSignedInAsync(other, token);

        result.Error!.Code.Should().Be(InvitationErrorCodes.SameEmailRequired);
        (await host.RolesAsync(other)).Should().BeEmpty();
        (await host.InvitationAsync(id)).State.Should().Be(InvitationState.Initiated);
    }

    [Fact]
    public async Task A_refused_acceptance_takes_back_the_grants_it_added()
    {
        await using var host = await IdentityHost.StartAsync(roles: ["editor"]);
        var (id, token) = await host.InviteAsync(roles: ["editor"], groups: ["staff"]);
        var other = await host.CreateUserAsync("robert@example.org");
        host.Store.BeforeUpdate = async () =>
        {
            // Revoked after the grants were added, before the acceptance is saved.
            host.Store.BeforeUpdate = null;
            (await host.Services.GetRequiredServiceOf<IInvitationManager>().RevokeAsync(id, InvitationActor.Admin("alice"))).IsSuccess.Should().BeTrue();
        };

        var result = await host.AcceptSignedInAsync(other, token);

        result.Error!.Code.Should().Be(InvitationErrorCodes.InvalidToken);
        (await host.RolesAsync(other)).Should().BeEmpty();
        (await host.ClaimsAsync(other)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_principal_that_names_no_account_is_unauthenticated()
    {
        await using var host = await IdentityHost.StartAsync();
        var (_, token) = await host.InviteAsync();

        var result = await host.AcceptSignedInAsync(new Microsoft.AspNetCore.Identity.IdentityUser { Id = "ghost", UserName = "ghost" }, token);

        result.Error!.Code.Should().Be(InvitationHttpErrorCodes.Unauthenticated);
    }
}
