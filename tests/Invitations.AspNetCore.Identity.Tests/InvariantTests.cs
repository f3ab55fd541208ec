using Invitations.AspNetCore.Identity.Tests.Support;
using Invitations.EntityFrameworkCore;

namespace Invitations.AspNetCore.Identity.Tests;

/// <summary>
/// The invariant <b>one invitation, one account</b>: never an account without an accepted invitation, never an accepted
/// invitation without its account, under double-submits and racing browsers, on real SQLite Identity stores.
/// </summary>
public sealed class InvariantTests
{
    private const int Racers = 8;

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Racing_registrations_with_one_token_make_exactly_one_account_and_one_acceptance(bool efInvitationStore, bool distinctUserNames)
    {
        await using var host = await IdentityHost.StartAsync(efInvitationStore: efInvitationStore, roles: ["editor"]);
        var (id, token) = await host.InviteAsync(roles: ["editor"]);
        using var start = new ManualResetEventSlim();

        var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await host.RegisterAsync(token, userName: distinctUserNames ? $"browser-{i}" : null);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(racers);

        var winner = results.Should().ContainSingle(r => r.Succeeded).Subject;
        results.Where(r => !r.Succeeded).Select(r => r.Error!.Code).Should().OnlyContain(c =>
            c == InvitationErrorCodes.InvitationAlreadyAccepted || c == InvitationErrorCodes.AccountExists || c == InvitationErrorCodes.ConcurrencyConflict);
        (await host.UsersAsync()).Select(u => u.Id).Should().Equal(winner.User!.Id);
        (await host.RolesAsync(winner.User)).Should().Equal("editor");
        var invitation = await host.InvitationAsync(id);
        invitation.AcceptedSubjectId.Should().Be(winner.User.Id);
        var facts = await host.Store.ListFactsAsync(id, CancellationToken.None);
        facts.Count(f => f.Type == FactTypes.InviteAccepted).Should().Be(1);
        facts.Should().ContainSingle(f => f.Type == FactTypes.AccountCreated).Which.Attributes["sub"].Should().Be(winner.User.Id);
    }

    [Fact]
    public async Task A_refused_acceptance_leaves_no_account_behind()
    {
        // The invitation is revoked between the preview and the acceptance: the account made meanwhile is deleted.
        await using var host = await IdentityHost.StartAsync();
        var (id, token) = await host.InviteAsync();
        var store = host.Store;
        store.BeforeUpdate = async () =>
        {
            store.BeforeUpdate = null;
            (await host.Services.GetRequiredServiceOf<IInvitationManager>().RevokeAsync(id, InvitationActor.Admin("alice"))).IsSuccess.Should().BeTrue();
        };

        var result = await host.RegisterAsync(token);

        result.Error!.Code.Should().Be(InvitationErrorCodes.InvalidToken);
        (await host.UsersAsync()).Should().BeEmpty();
    }
}
