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
        halfMade.LockoutEnd.Should().Be(AccountMarkers.LockoutEnd(host.Clock.GetCurrentInstant()), "a half-made account cannot sign in for a century");
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
        var user = (await host.UsersAsync()).Should().ContainSingle().Subject;
        user.Id.Should().Be(halfMade.Id, "the link derives the id; the account is made anew under it");
        (await host.WithUsersAsync(u => u.CheckPasswordAsync(user, IdentityHost.StrongPassword))).Should().BeTrue();
        (await host.WithUsersAsync(u => u.CheckPasswordAsync(user, "Forgotten-Password-1"))).Should().BeFalse();
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

    [Fact]
    public async Task A_half_made_account_of_a_link_a_resend_replaced_gives_way_to_the_new_link()
    {
        await using var host = await IdentityHost.StartAsync();
        var (id, oldToken) = await host.InviteAsync();
        var halfMade = await HalfMadeAsync(host, id, oldToken, "Forgotten-Password-1");
        host.Clock.Advance(Duration.FromHours(1));
        var resent = await host.Services.GetRequiredServiceOf<IInvitationManager>().ResendAsync(id, InvitationActor.Admin("alice"));
        var newToken = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(resent.Value.Link!).Query)["invite_token"].ToString();

        var result = await host.RegisterAsync(newToken);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        (await host.UsersAsync()).Select(u => u.Id).Should().Equal(result.User!.Id).And.NotContain(halfMade.Id);
    }

    [Fact]
    public async Task An_account_cut_off_before_its_markers_is_known_by_its_lockout_and_completed_like_a_marked_one()
    {
        await using var host = await IdentityHost.StartAsync(roles: ["editor"]);
        var (id, token) = await host.InviteAsync(roles: ["editor"]);
        var bare = await HalfMadeAsync(host, id, token, IdentityHost.StrongPassword, marked: false);
        host.Clock.Advance(Duration.FromMinutes(1));

        var early = await host.RegisterAsync(token);
        host.Clock.Advance(Duration.FromMinutes(5));
        var late = await host.RegisterAsync(token);

        early.Error!.Code.Should().Be(InvitationErrorCodes.AccountExists, "one minute old, it may belong to a request still running");
        late.Succeeded.Should().BeTrue(late.Error?.ToString());
        late.User!.Id.Should().Be(bare.Id);
        (await host.InvitationAsync(id)).AcceptedSubjectId.Should().Be(bare.Id);
        (await host.RolesAsync(late.User)).Should().Equal("editor");
        (await host.ClaimsAsync(late.User)).Should().NotContain(c => AccountMarkers.IsMarker(c));
        (await host.UsersAsync()).Single().LockoutEnd.Should().BeNull();
    }

    [Fact]
    public async Task An_account_an_administrator_locked_for_ever_is_never_taken_for_a_half_made_one()
    {
        await using var host = await IdentityHost.StartAsync();
        var (_, token) = await host.InviteAsync();
        (await host.RegisterAsync(token)).Succeeded.Should().BeTrue();
        var user = (await host.UsersAsync()).Single();
        (await host.ChangeUserAsync(user, (u, x) => u.SetLockoutEndDateAsync(x, DateTimeOffset.MaxValue))).Succeeded.Should().BeTrue();

        var again = await host.RegisterAsync(token, password: "Another-Password-2");

        again.Error!.Code.Should().Be(InvitationErrorCodes.InvitationAlreadyAccepted);
        (await host.UsersAsync()).Should().ContainSingle().Which.Id.Should().Be(user.Id);
    }

    [Fact]
    public void The_account_id_is_derived_from_the_link_and_is_neither_the_token_nor_its_digest()
    {
        var id = AccountMarkers.AccountId("a-token");

        Guid.TryParse(id, out _).Should().BeTrue("it keeps IdentityUser's id format");
        id.Should().Be(AccountMarkers.AccountId("a-token")).And.NotBe(AccountMarkers.AccountId("b-token"));
        id.Should().NotContain("a-token");
        AccountMarkers.Digest("a-token").Should().NotContain(id.Replace("-", "", StringComparison.Ordinal)[..8]);
    }

    /// <summary>An account as a registration leaves it when it stops between creating the account and accepting.</summary>
    private static async Task<IdentityUser> HalfMadeAsync(IdentityHost host, InvitationId id, string token, string password, bool marked = true)
    {
        var user = new IdentityUser
        {
            Id = AccountMarkers.AccountId(token), UserName = "bob@example.com", Email = "bob@example.com",
            LockoutEnabled = true, LockoutEnd = AccountMarkers.LockoutEnd(host.Clock.GetCurrentInstant()),
        };
        await host.WithUsersAsync(async u =>
        {
            (await u.CreateAsync(user, password)).Succeeded.Should().BeTrue();
            return marked ? await u.AddClaimsAsync(user, new AccountMarkers(id.ToString(), AccountMarkers.Digest(token), host.Clock.GetCurrentInstant()).ToClaims()) : IdentityResult.Success;
        });
        return user;
    }
}
