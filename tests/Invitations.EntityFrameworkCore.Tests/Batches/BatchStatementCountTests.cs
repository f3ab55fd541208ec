using Invitations.EntityFrameworkCore.Tests.Service;
using Invitations.EntityFrameworkCore.Tests.Statements;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Invitations.EntityFrameworkCore.Tests.Batches;

/// <summary>
/// How many statements a bulk batch sends, with inline delivery on (issue 14): on SQLite one transaction of multi-row
/// INSERTs in chunks of at most 100 parameters (its binding time grows with the square of a statement's parameters), on
/// PostgreSQL one statement (a data-modifying WITH), and one completion of everything its inline delivery sent.
/// Before, each request of a batch was its own invite (7 statements each).
/// </summary>
public abstract class BatchStatementCountTests(StoreDatabase database, ITestOutputHelper output)
{
    /// <summary>How many invitation rows one INSERT of this provider holds.</summary>
    protected virtual int InvitationsPerInsert => 100;

    /// <summary>How many outbox rows one INSERT of this provider holds.</summary>
    protected virtual int OutboxRowsPerInsert => 200;

    /// <summary>Whether a batch is one statement (PostgreSQL's data-modifying WITH) instead of a transaction of inserts.</summary>
    protected virtual bool OneStatement => false;

    /// <summary>Begin, the inserts of the invitations and their outbox rows (a fact and a message each), commit; one completion.</summary>
    private int CleanBatchStatements(int invitations) => Write(invitations, 2 * invitations) + 1;

    /// <summary>The batch, plus the read that tells why an item collided and the lookup of the pending invitation it met.</summary>
    private int BatchWithADuplicateStatements(int invitations) => Write(invitations, 2 * (invitations - 1)) + 1 + 1 + 1;

    private int Write(int invitations, int outboxRows) => OneStatement ? 1 : 2 + Inserts(invitations, outboxRows);

    private int Inserts(int invitations, int outboxRows) =>
        ((invitations + InvitationsPerInsert - 1) / InvitationsPerInsert) + ((outboxRows + OutboxRowsPerInsert - 1) / OutboxRowsPerInsert);

    [SkippableFact]
    public async Task BatchIsOneTransactionOfTwoInsertsAndOneCompletion()
    {
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);
        var log = new StatementLog();
        using var host = ServiceHost.LoggingStatements(database, log);
        var bulk = host.Services.GetRequiredService<IBulkInvitations>();
        var tag = Guid.NewGuid().ToString("N")[..8];

        // Warm up: the first batch compiles queries and may open the pool; it is not what is counted.
        await CollectAsync(bulk, Enumerable.Range(0, 2).Select(i => $"warm{i}.{tag}@example.com"));
        log.Take();

        var clean = await CollectAsync(bulk, Enumerable.Range(0, 25).Select(i => $"clean{i}.{tag}@example.com"));
        var cleanStatements = log.Take();
        var mixed = await CollectAsync(bulk, Enumerable.Range(0, 10).Select(i => i == 4 ? $"clean0.{tag}@example.com" : $"mixed{i}.{tag}@example.com"));
        var mixedStatements = log.Take();

        Print("batch of 25", cleanStatements);
        Print("batch of 10 with one pending duplicate", mixedStatements);
        Assert.All(clean, o => Assert.Equal(BulkInviteStatus.Invited, o.Status));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i == 4 ? BulkInviteStatus.SkippedPendingExists : BulkInviteStatus.Invited), mixed.Select(o => o.Status));
        Assert.Equal(2 + 25 + 9, host.Sender.Sent.Count);
        Assert.Equal(CleanBatchStatements(25), cleanStatements.Count);
        Assert.Equal(BatchWithADuplicateStatements(10), mixedStatements.Count);
        Assert.Equal(OneStatement ? 0 : 1, cleanStatements.Count(s => s.StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(OneStatement ? 0 : Inserts(25, 50), cleanStatements.Count(s => s.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(OneStatement ? 1 : 0, cleanStatements.Count(s => s.StartsWith("WITH", StringComparison.OrdinalIgnoreCase)));
        Assert.Empty(await host.Store.ClaimOutboxAsync(
            new OutboxClaim { Owner = "check", LeaseDuration = NodaTime.Duration.FromMinutes(1), Now = host.Clock.GetCurrentInstant() }, default));
    }

    private static async Task<List<BulkInviteOutcome>> CollectAsync(IBulkInvitations bulk, IEnumerable<string> emails)
    {
        var outcomes = new List<BulkInviteOutcome>();
        await foreach (var outcome in bulk.InviteManyAsync(emails.Select(e => ServiceHost.Request(e)).ToAsyncEnumerable(), new BulkInviteOptions { BatchSize = 100 }))
        {
            outcomes.Add(outcome);
        }

        return outcomes;
    }

    private void Print(string operation, IReadOnlyList<string> statements)
    {
        output.WriteLine($"{operation}: {statements.Count} statements");
        foreach (var s in statements)
        {
            var line = s.ReplaceLineEndings(" ");
            output.WriteLine("  " + line[..Math.Min(160, line.Length)]);
        }
    }
}

/// <summary>On a SQLite file.</summary>
public sealed class SqliteBatchStatementCountTests(SqliteDatabase database, ITestOutputHelper output)
    : BatchStatementCountTests(database, output), IClassFixture<SqliteDatabase>
{
    /// <summary>100 parameters over the invitation row's 39 columns.</summary>
    protected override int InvitationsPerInsert => 2;

    /// <summary>100 parameters over the outbox row's 15 columns.</summary>
    protected override int OutboxRowsPerInsert => 6;
}

/// <summary>On PostgreSQL: a batch is one statement.</summary>
public sealed class PostgresBatchStatementCountTests(PostgresDatabase database, ITestOutputHelper output)
    : BatchStatementCountTests(database, output), IClassFixture<PostgresDatabase>
{
    /// <inheritdoc />
    protected override bool OneStatement => true;
}
