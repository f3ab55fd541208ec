using Xunit.Abstractions;

namespace Invitations.EntityFrameworkCore.Tests.Processes;

/// <summary>
/// Issue 14's many instances: four separate processes started at once on one database, each inviting its own
/// addresses and the same shared ones (racing duplicates), then accepting with every link any of them was handed
/// (racing accepts of the same invitations), each dispatching all along. Then the database is counted.
/// </summary>
public abstract class ManyProcessesTests(StoreDatabase database, ITestOutputHelper output)
{
    private const int Workers = 4;
    private const int OwnInvites = 10;
    private const int SharedInvites = 10;

    [SkippableFact]
    public async Task FourProcessesCountEveryInvitationFactAndMessageOnceAndEveryAcceptOnce()
    {
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);
        using var shared = new ProcessDatabase(database);

        var children = await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => ChildProcess.RunAsync(
            [.. shared.BaseArguments, "mode=swarm", $"worker=w{w}", $"invites={OwnInvites}", $"shared={SharedInvites}", $"workers={Workers}", "cooldown=0"],
            TimeSpan.FromSeconds(150))));
        Assert.All(children, c => Assert.True(c.Drained, c.ToString()));

        var db = await shared.ReadAsync();
        var links = shared.Lines("links").Where(l => l[0] == "invited").ToList();
        var answers = shared.Lines("links").Where(l => l[0] == "answer").ToList();
        var accepted = shared.Lines("accepts").Where(l => l[0] == "accepted").Select(l => l[1]).ToList();
        var factsOf = db.Facts.ToLookup(f => f.ObjectId.ToString());

        // Every invitation once: one per address, the one every process that invited the address was handed.
        Assert.Equal((Workers * OwnInvites) + SharedInvites, db.Invitations.Count);
        Assert.All(db.Invitations.GroupBy(i => i.Email), g => Assert.Single(g));
        Assert.All(links.GroupBy(l => l[2]), g => Assert.Equal(db.Invitations.Single(i => i.Email == g.Key).Id, Assert.Single(g.Select(l => l[1]).Distinct())));

        // No accept counted twice: each invitation to accept accepted by exactly one call in all four processes, with one fact.
        var toAccept = db.Invitations.Where(i => i.Email.StartsWith("acc.", StringComparison.Ordinal)).ToList();
        Assert.All(toAccept, i => Assert.Equal(InvitationState.Accepted, i.State));
        Assert.Equal(toAccept.Select(i => i.Id).Order(), accepted.Order());
        Assert.All(db.Invitations, i => Assert.Equal(i.State == InvitationState.Accepted ? 1 : 0, factsOf[i.Id].Count(f => f.Type == FactTypes.InviteAccepted)));
        Assert.All(db.Invitations.Where(i => !i.Email.StartsWith("acc.", StringComparison.Ordinal)), i => Assert.Contains(i.State, new[] { InvitationState.Initiated, InvitationState.Reinitiated }));

        // Every fact once (one per step of its invitation: sequences 1, 2, ... without gaps) and delivered.
        Assert.All(db.Invitations, i => Assert.Equal(Enumerable.Range(1, factsOf[i.Id].Count()).Select(n => (long)n), factsOf[i.Id].Select(f => f.Sequence).Order()));
        Assert.All(db.Invitations, i => Assert.Equal(i.SendCount + (i.State == InvitationState.Accepted ? 1 : 0), factsOf[i.Id].Count()));
        var delivered = shared.Lines("facts").Select(l => l[1]).ToList();
        Assert.All(db.Facts, f => Assert.Contains(f.Id.ToString(), delivered));

        // Every message delivered at least once and never more often than it was leased (claimed by a dispatcher or leased
        // by the save that queued it). "At least once" is for the newest message of each invitation still pending: an older
        // one carries a link a resend replaced, and a message still queued when its invitation was accepted is not sent.
        var sends = shared.Lines("messages").GroupBy(l => l[1]).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var leases = shared.Lines("leases").GroupBy(l => l[1]).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.DoesNotContain(db.Outbox, o => o.Status != OutboxItemStatus.Delivered);
        var messages = db.Outbox.Where(o => o.Kind == OutboxItemKind.Message).ToList();
        Assert.All(messages, m => Assert.True(sends.GetValueOrDefault(m.Id) <= leases.GetValueOrDefault(m.Id), $"message {m.Id} sent {sends.GetValueOrDefault(m.Id)} times, leased {leases.GetValueOrDefault(m.Id)}"));
        Assert.All(
            db.Invitations.Where(i => i.State != InvitationState.Accepted),
            i => Assert.True(sends.GetValueOrDefault(messages.Single(m => m.InvitationId == i.Id && m.Sequence == i.SendCount).Id) >= 1, $"the newest message of {i.Id} was never sent"));

        output.WriteLine($"{db.Invitations.Count} invitations from {links.Count} successful invite calls ({answers.Count} answered with an error: "
            + string.Join(", ", answers.GroupBy(a => a[2]).Select(g => $"{g.Key} {g.Count()}")) + $"), {accepted.Count} accepts won of "
            + $"{shared.Lines("accepts").Count} tried, {db.Facts.Count} facts ({delivered.Count - delivered.Distinct().Count()} delivered again), "
            + $"{messages.Count} messages: {sends.Values.Sum()} sends, {leases.Values.Sum()} leases, {messages.Count(m => sends.GetValueOrDefault(m.Id) > 1)} sent twice, "
            + $"{messages.Count(m => !sends.ContainsKey(m.Id))} superseded before sending");
        output.WriteLine(string.Join(", ", children.Select((c, i) => $"w{i} {c.Elapsed.TotalSeconds:F1} s")));
    }
}

/// <summary>
/// On one SQLite file (WAL; writers of the four processes queue on SQLite's file lock with a busy timeout, the
/// in-process write gate only orders each process's own writers).
/// </summary>
public sealed class SqliteManyProcessesTests(SqliteDatabase database, ITestOutputHelper output)
    : ManyProcessesTests(database, output), IClassFixture<SqliteDatabase>;

/// <summary>On one PostgreSQL database (skipped without a server, failed under CI=true).</summary>
public sealed class PostgresManyProcessesTests(PostgresDatabase database, ITestOutputHelper output)
    : ManyProcessesTests(database, output), IClassFixture<PostgresDatabase>;
