using Invitations.AspNetCore.Identity.Internal;
using Invitations.AspNetCore.Identity.Tests.Support;
using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace Invitations.AspNetCore.Identity.Tests;

/// <summary>A registration interrupted between creating the account and accepting: it is settled, never left usable and unaccepted.</summary>
public sealed class RecoveryTests
{
    [Fact]
    public async Task A_store_fault_before_the_acceptance_is_saved_deletes_the_account_and_the_link_still_works()
    {
        await using var host = await IdentityHost.StartAsync();
        var (id, token) = await host.InviteAsync();
        host.Store.FailBeforeSave = true;

        var act = () => host.RegisterAsync(token);

        await act.Should().ThrowAsync<IOException>();
        (await host.UsersAsync()).Should().BeEmpty();
        (await host.InvitationAsync(id)).State.Should().Be(InvitationState.Initiated);
        (await host.RegisterAsync(token)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_fault_after_the_acceptance_was_saved_keeps_the_locked_account_and_a_retry_finishes_it()
    {
        await using var host = await IdentityHost.StartAsync(roles: ["editor"]);
        var (id, token) = await host.InviteAsync(roles: ["editor"]);
        host.Store.FailAfterSave = true;

        var act = () => host.RegisterAsync(token);

        await act.Should().ThrowAsync<IOException>();
        var halfMade = (await host.UsersAsync()).Should().ContainSingle().Subject;
        (await host.InvitationAsync(id)).AcceptedSubjectId.Should().Be(halfMade.Id, "the acceptance was saved: the account must stay");
        halfMade.LockoutEnd.Should().Be(DateTimeOffset.MaxValue, "a half-made account cannot sign in");
        (await host.WithUsersAsync(u => u.IsLockedOutAsync(halfMade))).Should().BeTrue();

        var retry = await host.RegisterAsync(token);

        retry.Succeeded.Should().BeTrue(retry.Error?.ToString());
        retry.User!.Id.Should().Be(halfMade.Id);
        retry.Accepted.Should().BeNull("the acceptance was made by the interrupted call");
        var finished = (await host.UsersAsync()).Should().ContainSingle().Subject;
        finished.LockoutEnd.Should().BeNull();
        (await host.ClaimsAsync(finished)).Should().NotContain(c => AccountMarkers.IsMarker(c));
        (await host.RolesAsync(finished)).Should().Equal("editor");
    }

    [Fact]
    public async Task A_half_made_account_younger_than_InterruptedAfter_belongs_to_a_running_request()
    {
        await using var host = await IdentityHost.StartAsync();
        var (id, token) = await host.InviteAsync();
        await HalfMadeAsync(host, id, token, IdentityHost.StrongPassword);
        host.Clock.Advance(Duration.FromMinutes(1));

        var result = await host.RegisterAsync(token);

        result.Error!.Code.Should().Be(InvitationErrorCodes.AccountExists);
        (await host.UsersAsync()).Should().ContainSingle();
        (await host.InvitationAsync(id)).State.Should().Be(InvitationState.Initiated);
    }

    [Fact]
    public async Task An_interrupted_half_made_account_is_completed_by_a_retry_with_the_same_password()
    {
        await using var host = await IdentityHost.StartAsync(roles: ["editor"]);
        var (id, token) = await host.InviteAsync(roles: ["editor"], groups: ["staff"]);
        var halfMade = await HalfMadeAsync(host, id, token, IdentityHost.StrongPassword);
        host.Clock.Advance(Duration.FromMinutes(6));

        var result = await host.RegisterAsync(token);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.User!.Id.Should().Be(halfMade.Id);
        result.Accepted.Should().NotBeNull();
        (await host.InvitationAsync(id)).AcceptedSubjectId.Should().Be(halfMade.Id);
        (await host.RolesAsync(result.User)).Should().Equal("editor");
        (await host.ClaimsAsync(result.User)).Should().Contain(c => c.Type == InvitationAccountOptions.DefaultGroupClaimType && c.Value == "staff")
            .And.NotContain(c => AccountMarkers.IsMarker(c));
    }

    [Fact]
    public async Task An_interrupted_half_made_account_with_another_password_is_removed_and_made_anew()
    {
        await using var host = await IdentityHost.StartAsync();
        var (id, token) = await host.InviteAsync();
        var halfMade = await HalfMadeAsync(host, id, token, "Forgotten-Password-1");
        host.Clock.Advance(Duration.FromMinutes(6));

        var result = await host.RegisterAsync(token);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.User!.Id.Should().NotBe(halfMade.Id);
        (await host.UsersAsync()).Select(u => u.Id).Should().Equal(result.User.Id);
    }

    [Fact]
    public async Task A_half_made_account_whose_invitation_was_revoked_is_removed_on_the_next_try()
    {
        await using var host = await IdentityHost.StartAsync();
        var (id, token) = await host.InviteAsync();
        await HalfMadeAsync(host, id, token, IdentityHost.StrongPassword);
        (await host.Services.GetRequiredServiceOf<IInvitationManager>().RevokeAsync(id, InvitationActor.Admin("alice"))).IsSuccess.Should().BeTrue();

        var result = await host.RegisterAsync(token);

        result.Error!.Code.Should().Be(InvitationErrorCodes.InvalidToken);
        (await host.UsersAsync()).Should().BeEmpty();
    }

    /// <summary>An account as a registration leaves it when it stops between creating the account and accepting.</summary>
    private static async Task<IdentityUser> HalfMadeAsync(IdentityHost host, InvitationId id, string token, string password)
    {
        var user = new IdentityUser { UserName = "bob@example.com", Email = "bob@example.com", LockoutEnabled = true, LockoutEnd = DateTimeOffset.MaxValue };
        await host.WithUsersAsync(async u =>
        {
            (await u.CreateAsync(user, password)).Succeeded.Should().BeTrue();
            return await u.AddClaimsAsync(user, new AccountMarkers(id.ToString(), AccountMarkers.Digest(token), host.Clock.GetCurrentInstant()).ToClaims());
        });
        return user;
    }
}
