using Invitations.AspNetCore.Identity.Internal;
using Invitations.AspNetCore.Identity.Tests.Support;
using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace Invitations.AspNetCore.Identity.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public async Task Register_creates_the_account_with_the_invited_address_roles_groups_and_fields_and_accepts_into_it()
    {
        await using var host = await IdentityHost.StartAsync(roles: ["editor"]);
        var (id, token) = await host.InviteAsync(roles: ["editor"], groups: ["staff", "berlin"], fields: new() { ["department"] = "R&D" });

        var result = await host.RegisterAsync(token);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.Accepted!.Roles.Should().Equal("editor");
        var user = (await host.UsersAsync()).Should().ContainSingle().Subject;
        user.Id.Should().Be(result.User!.Id);
        user.Email.Should().Be("bob@example.com");
        user.UserName.Should().Be("bob@example.com", "the user name defaults to the invited address");
        user.LockoutEnd.Should().BeNull("the account is unlocked once the invitation is accepted into it");
        (await host.WithUsersAsync(u => u.CheckPasswordAsync(user, IdentityHost.StrongPassword))).Should().BeTrue();
        (await host.RolesAsync(user)).Should().Equal("editor");
        (await host.ClaimsAsync(user)).Select(c => (c.Type, c.Value)).Should().BeEquivalentTo(new[]
        {
            (InvitationAccountOptions.DefaultGroupClaimType, "staff"),
            (InvitationAccountOptions.DefaultGroupClaimType, "berlin"),
            (InvitationAccountOptions.DefaultCustomFieldClaimPrefix + "department", "R&D"),
            ("given_name", "Bob"),
            ("family_name", "Builder"),
        }, "the markers of a registration in progress are gone");
        var invitation = await host.InvitationAsync(id);
        invitation.State.Should().Be(InvitationState.Accepted);
        invitation.AcceptedSubjectId.Should().Be(user.Id);
    }

    [Fact]
    public async Task The_claim_mapping_and_the_user_name_follow_the_options_and_the_registration()
    {
        await using var host = await IdentityHost.StartAsync(o => (o.GroupClaimType, o.CustomFieldClaimPrefix) = ("groups", ""));
        var (_, token) = await host.InviteAsync(groups: ["staff"], fields: new() { ["department"] = "R&D" });

        var result = await host.RegisterAsync(new InvitationRegistration { Token = token, Password = IdentityHost.StrongPassword, UserName = "bobby", GivenName = "Robert" });

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.User!.UserName.Should().Be("bobby");
        (await host.ClaimsAsync(result.User)).Select(c => (c.Type, c.Value)).Should().Contain(new[] { ("groups", "staff"), ("department", "R&D"), ("given_name", "Robert") });
    }

    [Fact]
    public async Task A_weak_password_returns_identitys_errors_and_creates_nothing()
    {
        await using var host = await IdentityHost.StartAsync();
        var (id, token) = await host.InviteAsync();

        var result = await host.RegisterAsync(token, password: "abc");

        result.Succeeded.Should().BeFalse();
        result.Error!.Code.Should().Be(InvitationErrorCodes.PasswordRejected);
        result.Error.Field.Should().Be("password");
        result.IdentityErrors.Select(e => e.Code).Should().Contain([nameof(IdentityErrorDescriber.PasswordTooShort), nameof(IdentityErrorDescriber.PasswordRequiresUpper)]);
        (await host.UsersAsync()).Should().BeEmpty();
        (await host.InvitationAsync(id)).State.Should().Be(InvitationState.Initiated, "the invitee can try again with a better password");
        (await host.RegisterAsync(token)).Succeeded.Should().BeTrue("the same link still works");
    }

    [Fact]
    public async Task An_empty_password_is_refused_before_identity_is_asked()
    {
        await using var host = await IdentityHost.StartAsync();
        var (_, token) = await host.InviteAsync();

        var result = await host.RegisterAsync(token, password: "");

        result.Error!.Code.Should().Be(InvitationErrorCodes.PasswordRejected);
        (await host.UsersAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("expired")]
    [InlineData("revoked")]
    public async Task A_token_that_cannot_be_accepted_gets_its_typed_error_and_no_account(string kind)
    {
        await using var host = await IdentityHost.StartAsync();
        var (id, token) = await host.InviteAsync();
        switch (kind)
        {
            case "unknown":
                token = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
                break;
            case "expired":
                host.Clock.Advance(Duration.FromDays(8));
                break;
            case "revoked":
                (await host.Services.GetRequiredServiceOf<IInvitationManager>().RevokeAsync(id, InvitationActor.Admin("alice"))).IsSuccess.Should().BeTrue();
                break;
        }

        var result = await host.RegisterAsync(token);

        result.Error!.Code.Should().Be(kind == "expired" ? InvitationErrorCodes.InvitationExpired : InvitationErrorCodes.InvalidToken);
        (await host.UsersAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_user_name_that_is_taken_is_account_exists_and_the_invitation_stays_pending()
    {
        await using var host = await IdentityHost.StartAsync();
        var (id, token) = await host.InviteAsync();
        await host.CreateUserAsync("taken@example.com");

        var result = await host.RegisterAsync(token, userName: "taken@example.com");

        result.Error!.Code.Should().Be(InvitationErrorCodes.AccountExists);
        result.Error.Field.Should().Be("user_name");
        result.IdentityErrors.Select(e => e.Code).Should().Equal(nameof(IdentityErrorDescriber.DuplicateUserName));
        (await host.UsersAsync()).Should().ContainSingle();
        (await host.InvitationAsync(id)).State.Should().Be(InvitationState.Initiated);
    }

    [Fact]
    public async Task An_invalid_user_name_is_account_rejected()
    {
        await using var host = await IdentityHost.StartAsync();
        var (_, token) = await host.InviteAsync();

        var result = await host.RegisterAsync(token, userName: "no spaces allowed");

        result.Error!.Code.Should().Be(InvitationErrorCodes.AccountRejected);
        result.IdentityErrors.Select(e => e.Code).Should().Equal(nameof(IdentityErrorDescriber.InvalidUserName));
        (await host.UsersAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_role_is_role_not_found_before_anything_is_created()
    {
        await using var host = await IdentityHost.StartAsync(roles: ["editor"]);
        var (id, token) = await host.InviteAsync(roles: ["editor", "auditor"]);

        var result = await host.RegisterAsync(token);

        result.Error!.Code.Should().Be(InvitationErrorCodes.RoleNotFound);
        result.Error.Message.Should().Contain("auditor");
        (await host.UsersAsync()).Should().BeEmpty();
        (await host.InvitationAsync(id)).State.Should().Be(InvitationState.Initiated);
        (await host.WithUsersAsync(_ => host.Services.GetRequiredServiceOf<RoleManager<IdentityRole>>().RoleExistsAsync("auditor"))).Should().BeFalse();
    }

    [Fact]
    public async Task With_CreateMissingRoles_a_missing_role_is_created_and_granted()
    {
        await using var host = await IdentityHost.StartAsync(o => o.CreateMissingRoles = true);
        var (_, token) = await host.InviteAsync(roles: ["auditor"]);

        var result = await host.RegisterAsync(token);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        (await host.RolesAsync(result.User!)).Should().Equal("auditor");
    }

    [Fact]
    public async Task A_second_submit_after_success_is_already_accepted_and_makes_no_second_account()
    {
        await using var host = await IdentityHost.StartAsync();
        var (_, token) = await host.InviteAsync();
        (await host.RegisterAsync(token)).Succeeded.Should().BeTrue();

        var again = await host.RegisterAsync(token, userName: "another-name");

        again.Error!.Code.Should().Be(InvitationErrorCodes.InvitationAlreadyAccepted);
        (await host.UsersAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task The_registration_never_prints_its_password_or_token()
    {
        var registration = new InvitationRegistration { Token = "the-token", Password = "the-password", UserName = "bob" };

        registration.ToString().Should().NotContain("the-token").And.NotContain("the-password").And.Contain("bob");
    }

    [Fact]
    public void Identity_error_codes_map_to_the_registration_fields()
    {
        var describer = new IdentityErrorDescriber();

        IdentityErrorFields.For(describer.PasswordRequiresDigit()).Should().Be("password");
        IdentityErrorFields.For(describer.DuplicateUserName("x")).Should().Be("user_name");
        IdentityErrorFields.For(describer.InvalidEmail("x")).Should().Be("email");
        IdentityErrorFields.For(describer.DefaultError()).Should().BeEmpty();
    }
}
