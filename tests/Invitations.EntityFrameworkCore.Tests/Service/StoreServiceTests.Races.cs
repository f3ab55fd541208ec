using Microsoft.Extensions.Logging;

namespace Invitations.EntityFrameworkCore.Tests.Service;

public abstract partial class StoreServiceTests
{
    [SkippableFact]
    public async Task LostAcceptRaceIsAnAnswerNotAnErrorInTheLog()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost();
        for (var round = 0; round < 4; round++)
        {
            var invited = await host.Manager.InviteAsync(ServiceHost.Request(Unique("race") + "@example.com"));
            var token = ServiceHost.TokenOf(invited.Value.Link!);

            // A double-click, and then some: every click reads the same version before any of them saves.
            var clicks = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => host.Redemption.AcceptAsync(token, new AcceptRequest($"sub-{round}")))));

            Assert.Single(clicks, c => c.IsSuccess);
            Assert.All(clicks.Where(c => !c.IsSuccess), c => Assert.Contains(c.Error!.Code, new[] { InvitationErrorCodes.InvitationAlreadyAccepted, InvitationErrorCodes.ConcurrencyConflict }));
        }

        var loud = host.Logs.GetSnapshot()
            .Where(r => r.Level >= LogLevel.Warning && r.Category?.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true)
            .Select(r => $"{r.Level} {r.Category}: {r.Message}")
            .ToList();
        Assert.True(loud.Count == 0, string.Join("\n", loud));
    }

    [SkippableFact]
    public async Task StaleUpdateOfTheStoreIsAConflictWithoutAnErrorInTheLog()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost();
        var invited = await host.Manager.InviteAsync(ServiceHost.Request(Unique("stale") + "@example.com"));
        var token = ServiceHost.TokenOf(invited.Value.Link!);
        var before = (await host.Store.FindAsync(invited.Value.Invitation.Id, default))!;
        Assert.True((await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-1"))).IsSuccess);

        // The loser of a race: the same version it read, and a fact with the sequence the winner already used.
        var loser = before with { Version = before.Version + 1, FactSequence = before.FactSequence + 1, State = InvitationState.Rejected };
        var fact = (await host.Store.ListFactsAsync(before.Id, default))[^1];
        var item = new OutboxItem
        {
            Id = new OutboxItemId(Guid.NewGuid()),
            InvitationId = before.Id,
            Kind = OutboxItemKind.Fact,
            Sequence = loser.FactSequence,
            Fact = fact with { Id = new FactId(Guid.NewGuid()) },
            Status = OutboxItemStatus.Pending,
            CreatedAt = ServiceHost.Start,
            DueAt = ServiceHost.Start,
        };

        Assert.Equal(StoreWriteStatus.ConcurrencyConflict, await host.Store.UpdateAsync(loser, before.Version, [item], default));
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning && r.Category?.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true);
    }
}
