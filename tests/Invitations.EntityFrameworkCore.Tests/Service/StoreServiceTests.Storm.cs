namespace Invitations.EntityFrameworkCore.Tests.Service;

public abstract partial class StoreServiceTests
{
    /// <summary>How many invitations the accept storm races on; each gets <see cref="StormAttemptsPerInvitation"/> accepts.</summary>
    protected virtual int StormInvitations => 100;

    protected virtual int StormAttemptsPerInvitation => 100;

    /// <summary>
    /// Issue 13's accept storm: every attempt carries the valid token, all invitations are contended at once (the attempts
    /// are shuffled), and yet each invitation is accepted exactly once with one INVITE_ACCEPTED fact; every loser gets a typed
    /// already-accepted or conflict result and nothing throws. The counts hold for every interleaving.
    /// </summary>
    [SkippableFact]
    public async Task AcceptStormAcceptsEachInvitationExactlyOnce()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost();
        var tokens = new Dictionary<InvitationId, string>();
        for (var i = 0; i < StormInvitations; i++)
        {
            var invited = await host.Manager.InviteAsync(ServiceHost.Request(Unique("storm") + "@example.com"));
            Assert.True(invited.IsSuccess, invited.ToString());
            tokens.Add(invited.Value.Invitation.Id, ServiceHost.TokenOf(invited.Value.Link!));
        }

        var attempts = tokens.SelectMany(t => Enumerable.Repeat(t, StormAttemptsPerInvitation)).ToArray();
        new Random(13).Shuffle(attempts);
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<(InvitationId Id, string Outcome)>();
        await Parallel.ForEachAsync(
            attempts.Select((a, n) => (a.Key, a.Value, n)),
            new ParallelOptions { MaxDegreeOfParallelism = IsRelational ? 16 : 64 },
            async (attempt, ct) =>
            {
                string outcome;
                try
                {
                    var result = await host.Redemption.AcceptAsync(attempt.Value, new AcceptRequest($"sub-{attempt.n}"), ct);
                    outcome = result.IsSuccess ? "accepted" : result.Error!.Code;
                }
#pragma warning disable CA1031 // An exception is the finding: it is counted, not let through to stop the storm.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    outcome = "threw " + e.GetType().Name + ": " + e.Message;
                }

                outcomes.Add((attempt.Key, outcome));
            });

        Assert.Equal(StormInvitations * StormAttemptsPerInvitation, outcomes.Count);
        var byOutcome = outcomes.GroupBy(o => o.Outcome).ToDictionary(g => g.Key, g => g.Count());
        Output.WriteLine(string.Join(", ", byOutcome.Select(kv => $"{kv.Key}: {kv.Value}")));
        Assert.All(byOutcome.Keys, k => Assert.Contains(k, new[] { "accepted", InvitationErrorCodes.InvitationAlreadyAccepted, InvitationErrorCodes.ConcurrencyConflict }));
        Assert.Equal(StormInvitations, byOutcome["accepted"]);
        Assert.All(outcomes.GroupBy(o => o.Id), g => Assert.Single(g, o => o.Outcome == "accepted"));
        foreach (var id in tokens.Keys)
        {
            Assert.Equal(InvitationState.Accepted, (await host.Manager.GetAsync(id, ServiceHost.Admin)).Value.State);
            Assert.Single((await host.Manager.ListFactsAsync(id, ServiceHost.Admin)).Value, f => f.Type == FactTypes.InviteAccepted);
        }
    }
}
