using Invitations.AspNetCore.Identity.Internal;
using Invitations.AspNetCore.Identity.Tests.Support;
using Invitations.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;

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

    /// <summary>
    /// A retry reads the invitation while the request that made the account is about to accept it, and previews the
    /// link after that acceptance landed (just after it, or once the first request has finished the account): it must
    /// finish the account or leave it, never delete an account the invitation is accepted into (found by the racing
    /// test under CI load: no request succeeded).
    /// </summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task A_retry_that_sees_the_acceptance_land_between_its_reads_keeps_the_account(bool efInvitationStore, bool afterTheFirstFinished)
    {
        await using var host = await IdentityHost.StartAsync(efInvitationStore: efInvitationStore);
        var (id, token) = await host.InviteAsync();
        var store = host.Store;
        var retryRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wait = TimeSpan.FromSeconds(30);
        Task<InvitationAccountResult<IdentityUser>>? retry = null;
        store.BeforeUpdate = async () =>
        {
            // The first request has made and marked its account and is about to accept: the retry reads the invitation
            // (still pending) now, and goes on once released.
            store.BeforeUpdate = null;
            store.AfterFind = async () =>
            {
                store.AfterFind = null;
                retryRead.TrySetResult();
                await release.Task.WaitAsync(wait);
            };
            retry = Task.Run(() => host.RegisterAsync(token));
            await Task.WhenAny(retryRead.Task, retry).WaitAsync(wait);
        };
        store.AfterUpdate = () =>
        {
            store.AfterUpdate = null;
            if (!afterTheFirstFinished)
            {
                release.TrySetResult();
            }

            return Task.CompletedTask;
        };

        InvitationAccountResult<IdentityUser> first;
        try
        {
            first = await host.RegisterAsync(token);
        }
        finally
        {
            release.TrySetResult();
        }

        var second = await retry!.WaitAsync(wait);

        retryRead.Task.IsCompleted.Should().BeTrue("the retry read the invitation while the first request accepted");
        new[] { first, second }.Count(r => r.Succeeded).Should().Be(1, "first: {0}, retry: {1}", first.Error?.Code, second.Error?.Code);
        var account = (await host.UsersAsync()).Should().ContainSingle().Subject;
        account.LockoutEnd.Should().BeNull();
        (await host.ClaimsAsync(account)).Should().NotContain(c => AccountMarkers.IsMarker(c));
        (await host.InvitationAsync(id)).AcceptedSubjectId.Should().Be(account.Id);
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
