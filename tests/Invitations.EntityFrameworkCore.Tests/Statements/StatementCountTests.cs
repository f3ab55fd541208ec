using Invitations.EntityFrameworkCore.Tests.Service;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Invitations.EntityFrameworkCore.Tests.Statements;

/// <summary>
/// How many statements an invite and an accept send, with inline delivery on (issue 14). Measured before the change:
/// 23 per invite and 20 per accept on SQLite (plus 8 and 6 nested pragma reads), 17 and 12 on PostgreSQL; 7 and 7 after
/// the first round. Now an invite is begin, insert invitation (ON CONFLICT DO NOTHING RETURNING: a pending duplicate is
/// looked up only when the insert reports one), insert its fact and message in one statement, commit, and one
/// completion of what inline delivery sent (its items were inserted leased: no claim); an accept is the lookup by
/// token, then begin, the version-guarded update of the row (which also counts pending items for the lease), the outbox
/// insert, commit, and one completion. No pragma is read or set. On PostgreSQL the write and its outbox rows are one
/// statement (a data-modifying WITH) with no transaction of its own: an invite is 2 statements, an accept 3.
/// </summary>
public abstract class StatementCountTests(StoreDatabase database, ITestOutputHelper output)
{
    /// <summary>Statements of the write itself: a transaction of four (begin, invitation, its outbox rows, commit).</summary>
    protected virtual int WriteStatements => 4;

    /// <summary>The write, one completion.</summary>
    private int InviteStatements => WriteStatements + 1;

    /// <summary>The token lookup, the write (the guarded update and the outbox insert), one completion.</summary>
    private int AcceptStatements => 1 + WriteStatements + 1;

    [SkippableFact]
    public async Task InviteAndAcceptSendNoMoreStatementsThanTheirTransactionsAndOneCompletion()
    {
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);

        var log = new StatementLog();
        using var host = ServiceHost.LoggingStatements(database, log);

        // Warm up: the first operation compiles queries and may open the pool; it is not what is counted.
        var warm = await host.Manager.InviteAsync(ServiceHost.Request($"warm.{Guid.NewGuid():N}@example.com"));
        Assert.True((await host.Redemption.AcceptAsync(ServiceHost.TokenOf(warm.Value.Link!), new AcceptRequest("sub-warm"))).IsSuccess);
        log.Take();

        var invited = await host.Manager.InviteAsync(ServiceHost.Request($"count.{Guid.NewGuid():N}@example.com"));
        Assert.True(invited.IsSuccess, invited.ToString());
        var invite = log.Take();
        var accepted = await host.Redemption.AcceptAsync(ServiceHost.TokenOf(invited.Value.Link!), new AcceptRequest("sub-count"));
        Assert.True(accepted.IsSuccess, accepted.ToString());
        var accept = log.Take();

        Print("invite", invite);
        Print("accept", accept);

        // The inline delivery happened: the message was sent and nothing is left for a background dispatcher.
        Assert.Equal(2, host.Sender.Sent.Count);
        Assert.Empty(await host.Store.ClaimOutboxAsync(
            new OutboxClaim { Owner = "check", LeaseDuration = NodaTime.Duration.FromMinutes(1), Now = host.Clock.GetCurrentInstant() }, default));

        Assert.DoesNotContain(invite.Concat(accept), s => s.Contains("PRAGMA", StringComparison.OrdinalIgnoreCase) || s.Contains("pragma_", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(InviteStatements, invite.Count);
        Assert.Equal(AcceptStatements, accept.Count);
        Assert.Equal(WriteStatements == 1 ? 0 : 1, invite.Count(s => s.StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(WriteStatements == 1 ? 0 : 1, accept.Count(s => s.StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// The accept's guarded update writes only the columns the accept changed (the store read the row at that version
    /// just before): SQLite rewrites every index on a column in the SET list, changed or not. The row read back is the
    /// accepted invitation in full, the columns left out of the SET list as they were.
    /// </summary>
    [SkippableFact]
    public async Task AnAcceptsGuardedUpdateSetsOnlyTheColumnsTheAcceptChanged()
    {
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);

        var log = new StatementLog();
        using var host = ServiceHost.LoggingStatements(database, log);
        var email = $"diff.{Guid.NewGuid():N}@example.com";
        var invited = await host.Manager.InviteAsync(ServiceHost.Request(email));
        Assert.True(invited.IsSuccess, invited.ToString());
        var before = (await host.Store.FindAsync(invited.Value.Invitation.Id, default))!;
        log.Take();

        var accepted = await host.Redemption.AcceptAsync(ServiceHost.TokenOf(invited.Value.Link!), new AcceptRequest("sub-diff"));
        Assert.True(accepted.IsSuccess, accepted.ToString());
        var update = Assert.Single(log.Take(), StatementLog.UpdatesInvitations);
        Print("accept's update", [update]);
        var set = StatementLog.SetColumns(update);
        Assert.Contains("state", set);
        Assert.Contains("version", set);
        Assert.Contains("accepted_subject_id", set);
        Assert.Contains("pending_recipient_key", set);
        foreach (var unchanged in new[] { "email", "token_hash", "groups", "roles", "custom_fields", "created_at", "expires_at", "invited_by_id", "link_target" })
        {
            Assert.DoesNotContain(unchanged, set);
        }

        var after = (await host.Store.FindAsync(invited.Value.Invitation.Id, default))!;
        Assert.Equal(InvitationState.Accepted, after.State);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal("sub-diff", after.AcceptedSubjectId);
        Assert.Equal(before.Email, after.Email);
        Assert.Equal(before.TokenHash, after.TokenHash);
        Assert.Equal(before.Groups, after.Groups);
        Assert.Equal(before.Roles, after.Roles);
        Assert.Equal(before.CustomFields, after.CustomFields);
        Assert.Equal(before.CreatedAt, after.CreatedAt);
        Assert.Equal(before.ExpiresAt, after.ExpiresAt);
        Assert.Equal(before.InvitedById, after.InvitedById);
    }

    private void Print(string operation, IReadOnlyList<string> statements)
    {
        output.WriteLine($"{operation}: {statements.Count} statements");
        foreach (var s in statements)
        {
            output.WriteLine("  " + s.ReplaceLineEndings(" ")[..Math.Min(160, s.ReplaceLineEndings(" ").Length)]);
        }
    }
}

/// <summary>On a SQLite file.</summary>
public sealed class SqliteStatementCountTests(SqliteDatabase database, ITestOutputHelper output)
    : StatementCountTests(database, output), IClassFixture<SqliteDatabase>;

/// <summary>On PostgreSQL: each write is one statement.</summary>
public sealed class PostgresStatementCountTests(PostgresDatabase database, ITestOutputHelper output)
    : StatementCountTests(database, output), IClassFixture<PostgresDatabase>
{
    /// <summary><c>WITH ... INSERT/UPDATE ..., o AS (INSERT INTO invitation_outbox ...) SELECT ...</c>, atomic by itself.</summary>
    protected override int WriteStatements => 1;
}
