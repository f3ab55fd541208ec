using NodaTime;

namespace Invitations.EntityFrameworkCore.Tests.Service;

/// <summary>
/// Issue 13's races on every store: revoke, resend (token rotation) and the expiry sweep each racing an accept. Whoever
/// wins, every invitation ends in exactly one outcome, its facts agree with its final state, and an accept that lost
/// grants nothing. The assertions hold for every interleaving: none counts on a particular side winning.
/// </summary>
public abstract partial class StoreServiceTests
{
    private const int RacesPerKind = 200;

    /// <summary>The error codes a lost race may answer with; anything else (or a throw) is a finding.</summary>
    private static readonly string[] LostRaceCodes =
    [
        InvitationErrorCodes.InvalidToken, InvitationErrorCodes.InvalidStateTransition, InvitationErrorCodes.InvitationAlreadyAccepted,
        InvitationErrorCodes.InvitationExpired, InvitationErrorCodes.ConcurrencyConflict,
    ];

    [SkippableFact]
    public async Task RevokeRacingAcceptEndsInExactlyOneOutcomeAndRevokedGrantsNothing()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost();
        var invited = await InviteManyAsync(host, "revoke");
        int races = 0, acceptsWon = 0;
        await RunRacesAsync(invited, async (id, token) =>
        {
            var accept = Task.Run(() => host.Redemption.AcceptAsync(token, new AcceptRequest("sub-" + id)));
            var revoke = Task.Run(() => host.Manager.RevokeAsync(id, ServiceHost.Admin));
            await Task.WhenAll(accept, revoke);
            Interlocked.Increment(ref races);

            if (accept.Result.IsSuccess)
            {
                Interlocked.Increment(ref acceptsWon);
            }

            Assert.True(accept.Result.IsSuccess ^ revoke.Result.IsSuccess, $"accept {accept.Result}, revoke {revoke.Result}");
            var loser = accept.Result.IsSuccess ? revoke.Result.Error! : accept.Result.Error!;
            Assert.Contains(loser.Code, LostRaceCodes);
            var state = (await host.Manager.GetAsync(id, ServiceHost.Admin)).Value.State;
            var facts = (await host.Manager.ListFactsAsync(id, ServiceHost.Admin)).Value;
            if (accept.Result.IsSuccess)
            {
                Assert.Equal(InvitationState.Accepted, state);
                Assert.Single(facts, f => f.Type == FactTypes.InviteAccepted);
                Assert.DoesNotContain(facts, f => f.Type == FactTypes.InviteRevoked);
            }
            else
            {
                Assert.Equal(InvitationState.Revoked, state);
                Assert.Single(facts, f => f.Type == FactTypes.InviteRevoked);
                Assert.DoesNotContain(facts, f => f.Type == FactTypes.InviteAccepted);

                // The revoked link stays dead: no later click grants anything either.
                Assert.False((await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-late"))).IsSuccess);
            }
        });

        Output.WriteLine($"accept won {acceptsWon} of {races}");
        Assert.Equal(RacesPerKind, races);
    }

    [SkippableFact]
    public async Task ResendRacingAcceptWithTheOldTokenEndsInExactlyOneOutcome()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        var invited = await InviteManyAsync(host, "resend");
        int races = 0, acceptsWon = 0;
        await RunRacesAsync(invited, async (id, oldToken) =>
        {
            var accept = Task.Run(() => host.Redemption.AcceptAsync(oldToken, new AcceptRequest("sub-" + id)));
            var resend = Task.Run(() => host.Manager.ResendAsync(id, ServiceHost.Admin));
            await Task.WhenAll(accept, resend);
            Interlocked.Increment(ref races);

            if (accept.Result.IsSuccess)
            {
                Interlocked.Increment(ref acceptsWon);
            }

            Assert.True(accept.Result.IsSuccess ^ resend.Result.IsSuccess, $"accept {accept.Result}, resend {resend.Result}");
            Assert.Contains((accept.Result.IsSuccess ? resend.Result.Error! : accept.Result.Error!).Code, LostRaceCodes);
            if (resend.Result.IsSuccess)
            {
                // The rotation won: the old token is dead for good, the new one accepts exactly once.
                Assert.Equal(InvitationState.Reinitiated, (await host.Manager.GetAsync(id, ServiceHost.Admin)).Value.State);
                Assert.Equal(InvitationErrorCodes.InvalidToken, (await host.Redemption.AcceptAsync(oldToken, new AcceptRequest("sub-old"))).Error?.Code);
                var fresh = ServiceHost.TokenOf(resend.Result.Value.Link!);
                Assert.NotEqual(oldToken, fresh);
                Assert.True((await host.Redemption.AcceptAsync(fresh, new AcceptRequest("sub-new"))).IsSuccess);
            }

            Assert.Equal(InvitationState.Accepted, (await host.Manager.GetAsync(id, ServiceHost.Admin)).Value.State);
            Assert.Single((await host.Manager.ListFactsAsync(id, ServiceHost.Admin)).Value, f => f.Type == FactTypes.InviteAccepted);
        });

        Output.WriteLine($"accept won {acceptsWon} of {races}");
        Assert.Equal(RacesPerKind, races);
    }

    [SkippableFact]
    public async Task ExpirySweepRacingAcceptAtTheBoundaryEndsInExactlyOneOutcome()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost(o => o.Maintenance.MaxAutomaticReinvites = 0);
        var maintenance = new ExpirySweep(host.Services);
        var invited = await InviteManyAsync(host, "expiry");
        var expiresAt = (await host.Manager.GetAsync(invited[0].Invitation.Id, ServiceHost.Admin)).Value.ExpiresAt;
        Assert.All(invited, i => Assert.Equal(expiresAt, i.Invitation.ExpiresAt));

        // One tick before the boundary. The racer that starts half-way moves the clock across it before its own accept and
        // starts two sweepers, which then race the accepts still in flight and the ones after it.
        host.Clock.Reset(expiresAt - Duration.Epsilon);
        var started = 0;
        Task<int[]>? sweep = null;
        var accepts = new System.Collections.Concurrent.ConcurrentDictionary<InvitationId, InvitationResult<AcceptResult>>();
        await RunRacesAsync(invited, async (id, token) =>
        {
            if (Interlocked.Increment(ref started) == RacesPerKind / 2)
            {
                host.Clock.Advance(Duration.Epsilon);
                sweep = Task.WhenAll(Task.Run(maintenance.RunAsync), Task.Run(maintenance.RunAsync));
            }

            accepts[id] = await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-" + id));
        });
        Assert.NotNull(sweep);

        // A final sweep with nothing racing settles any pending record an accept found already past its expiry.
        var swept = (await sweep).Sum() + await maintenance.RunAsync();
        Assert.Equal(RacesPerKind, accepts.Count);
        var accepted = 0;
        foreach (var (id, result) in accepts)
        {
            var state = (await host.Manager.GetAsync(id, ServiceHost.Admin)).Value.State;
            var facts = (await host.Manager.ListFactsAsync(id, ServiceHost.Admin)).Value;
            if (result.IsSuccess)
            {
                accepted++;
                Assert.Equal(InvitationState.Accepted, state);
                Assert.Single(facts, f => f.Type == FactTypes.InviteAccepted);
                Assert.DoesNotContain(facts, f => f.Type == FactTypes.InviteExpired);
            }
            else
            {
                Assert.Contains(result.Error!.Code, LostRaceCodes);
                Assert.Equal(InvitationState.Expired, state);
                Assert.Single(facts, f => f.Type == FactTypes.InviteExpired);
                Assert.DoesNotContain(facts, f => f.Type == FactTypes.InviteAccepted);
            }
        }

        // Every invitation here that did not accept was expired (checked above) by a sweep. The sweeps may count more: the
        // database is shared with the class's other tests, whose pending invitations are past the boundary as well.
        var expired = RacesPerKind - accepted;
        Output.WriteLine($"accepted {accepted}, expired {expired}, swept in total {swept}");
        Assert.True(swept >= expired, $"swept {swept} < expired {expired}");

        // Not vacuous: at least the racer that crossed the boundary accepted past it.
        Assert.True(expired >= 1, "the clock crossed the boundary before an accept");
    }

    private static async Task<List<(InvitationSnapshot Invitation, string Token)>> InviteManyAsync(ServiceHost host, string prefix)
    {
        var invited = new List<(InvitationSnapshot Invitation, string Token)>();
        for (var i = 0; i < RacesPerKind; i++)
        {
            var result = await host.Manager.InviteAsync(ServiceHost.Request(Unique(prefix) + "@example.com"));
            Assert.True(result.IsSuccess, result.ToString());
            invited.Add((result.Value.Invitation, ServiceHost.TokenOf(result.Value.Link!)));
        }

        return invited;
    }

    /// <summary>Runs one race per invitation, several invitations at once.</summary>
    private static Task RunRacesAsync(List<(InvitationSnapshot Invitation, string Token)> invited, Func<InvitationId, string, Task> race) =>
        Parallel.ForEachAsync(invited, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) => await race(i.Invitation.Id, i.Token));
}
