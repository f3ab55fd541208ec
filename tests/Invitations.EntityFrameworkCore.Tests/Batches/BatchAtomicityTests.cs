using Invitations.Testing;
using Microsoft.EntityFrameworkCore;

namespace Invitations.EntityFrameworkCore.Tests.Batches;

/// <summary>A batch whose outbox insert fails (an item id that is already stored: a bug, not a per-item conflict) leaves nothing of the batch behind.</summary>
public abstract class BatchAtomicityTests(StoreDatabase database)
{
    [SkippableFact]
    public async Task FailedOutboxInsertRollsBackEveryInvitationOfTheBatch()
    {
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);
        var store = database.Store;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var stored = EfTestData.Invitation($"stored.{tag}@example.com");
        var storedFact = OutboxTestData.FactItem(stored, 1);
        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(stored, [storedFact], default));

        var first = EfTestData.Invitation($"first.{tag}@example.com");
        var second = EfTestData.Invitation($"second.{tag}@example.com");
        var batch = new[]
        {
            new InvitationCreation(first, [OutboxTestData.FactItem(first, 1)]),
            new InvitationCreation(second, [OutboxTestData.FactItem(second, 1) with { Id = storedFact.Id }]),
        };

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CreateManyAsync(batch, lease: null, default));

        Assert.Null(await store.FindAsync(first.Id, default));
        Assert.Null(await store.FindAsync(second.Id, default));
        await using var context = await database.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await context.Set<OutboxRow>().CountAsync(r => r.InvitationId == first.Id.Value || r.InvitationId == second.Id.Value));
        Assert.Equal(stored.Id.Value, (await context.Set<OutboxRow>().SingleAsync(r => r.Id == storedFact.Id.Value)).InvitationId);
    }
}

/// <summary>On a SQLite file.</summary>
public sealed class SqliteBatchAtomicityTests(SqliteDatabase database) : BatchAtomicityTests(database), IClassFixture<SqliteDatabase>;

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresBatchAtomicityTests(PostgresDatabase database) : BatchAtomicityTests(database), IClassFixture<PostgresDatabase>;
