using System.Collections.Concurrent;
using System.Diagnostics;
using NodaTime;
using Xunit.Abstractions;

namespace Invitations.EntityFrameworkCore.Tests;

/// <summary>Plain dispatcher loops (claim, complete) sharing one store, as many dispatchers on many machines would.</summary>
internal static class DispatcherScale
{
    public static async Task SeedFactsAsync(StoreDatabase database, int invitations, int factsPerInvitation, Instant at)
    {
        var rows = new List<OutboxRow>(invitations * factsPerInvitation);
        for (var i = 0; i < invitations; i++)
        {
            var invitationId = new InvitationId(Guid.NewGuid());
            for (var seq = 1; seq <= factsPerInvitation; seq++)
            {
                var fact = new InvitationFact
                {
                    Id = new FactId(Guid.NewGuid()),
                    Type = FactTypes.InviteUser,
                    ObjectId = invitationId,
                    Sequence = seq,
                    OccurredAt = at,
                };
                rows.Add(new OutboxRow
                {
                    Id = Guid.NewGuid(),
                    InvitationId = invitationId.Value,
                    Kind = (int)OutboxItemKind.Fact,
                    Sequence = seq,
                    Payload = InvitationJson.SerializeFactToString(fact),
                    Status = (int)OutboxItemStatus.Pending,
                    CreatedAt = at,
                    DueAt = at,
                });
            }
        }

        if (database is PostgresDatabase postgres)
        {
            // Binary COPY: seeding 20,000 rows through change tracking would dominate the test's time.
            await using var connection = new Npgsql.NpgsqlConnection(postgres.TestConnectionString);
            await connection.OpenAsync();
            await using (var import = await connection.BeginBinaryImportAsync(
                "COPY invitation_outbox (id, invitation_id, kind, sequence, payload, status, created_at, due_at, attempts) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var row in rows)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(row.Id, NpgsqlTypes.NpgsqlDbType.Uuid);
                    await import.WriteAsync(row.InvitationId, NpgsqlTypes.NpgsqlDbType.Uuid);
                    await import.WriteAsync(row.Kind, NpgsqlTypes.NpgsqlDbType.Integer);
                    await import.WriteAsync(row.Sequence, NpgsqlTypes.NpgsqlDbType.Bigint);
                    await import.WriteAsync(row.Payload!, NpgsqlTypes.NpgsqlDbType.Text);
                    await import.WriteAsync(row.Status, NpgsqlTypes.NpgsqlDbType.Integer);
                    await import.WriteAsync(row.CreatedAt.ToUnixTimeTicks(), NpgsqlTypes.NpgsqlDbType.Bigint);
                    await import.WriteAsync(row.DueAt.ToUnixTimeTicks(), NpgsqlTypes.NpgsqlDbType.Bigint);
                    await import.WriteAsync(row.Attempts, NpgsqlTypes.NpgsqlDbType.Integer);
                }

                await import.CompleteAsync();
            }

            await using var analyze = new Npgsql.NpgsqlCommand("ANALYZE invitation_outbox", connection);
            await analyze.ExecuteNonQueryAsync();
            return;
        }

        foreach (var chunk in rows.Chunk(2000))
        {
            await using var context = await database.Contexts.CreateDbContextAsync();
            context.AddRange(chunk);
            await context.SaveChangesAsync();
        }
    }

    /// <summary>Runs <paramref name="dispatchers"/> loops until every item is delivered or the time is up.</summary>
    public static async Task<(int Delivered, int Duplicates, int OutOfOrder, TimeSpan Elapsed)> RunAsync(
        IInvitationStore store, int dispatchers, int expected, Instant now, TimeSpan limit, ITestOutputHelper output)
    {
        var deliveries = new ConcurrentDictionary<Guid, int>();
        var lastSequence = new ConcurrentDictionary<Guid, long>();
        var outOfOrder = 0;
        var delivered = 0;
        using var timeout = new CancellationTokenSource(limit);
        var watch = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, dispatchers).Select(d => Task.Run(async () =>
        {
            var owner = $"dispatcher-{d}-{Guid.NewGuid():N}";
            var claims = 0;
            var claimTime = new Stopwatch();
            var completeTime = new Stopwatch();
            while (Volatile.Read(ref delivered) < expected && !timeout.IsCancellationRequested)
            {
                claimTime.Start();
                var items = await store.ClaimOutboxAsync(new OutboxClaim { Owner = owner, Now = now, LeaseDuration = Duration.FromMinutes(10), MaxItems = 100 }, CancellationToken.None);
                claimTime.Stop();
                claims++;
                if (items.Count == 0)
                {
                    await Task.Delay(5);
                    continue;
                }

                foreach (var item in items)
                {
                    var fact = item.Fact!;

                    // The previous fact of this invitation must have been completed before this one was claimable.
                    if (lastSequence.GetValueOrDefault(item.InvitationId.Value) != fact.Sequence - 1)
                    {
                        Interlocked.Increment(ref outOfOrder);
                    }

                    if (deliveries.AddOrUpdate(item.Id.Value, 1, (_, n) => n + 1) == 1)
                    {
                        Interlocked.Increment(ref delivered);
                    }

                    // Record the completion before the store commits it: the next item becomes claimable the
                    // moment the commit lands, possibly before this await returns to us.
                    lastSequence[item.InvitationId.Value] = fact.Sequence;
                    completeTime.Start();
                    var completed = await store.CompleteOutboxAsync(item.Id, owner, now, CancellationToken.None);
                    completeTime.Stop();
                    if (!completed)
                    {
                        lastSequence[item.InvitationId.Value] = fact.Sequence - 1;
                        output.WriteLine($"{owner} lost the lease of {item.Id}");
                    }
                }
            }

            output.WriteLine($"{owner}: {claims} claims in {claimTime.Elapsed.TotalSeconds:F1} s, completions took {completeTime.Elapsed.TotalSeconds:F1} s");
        }));
        await Task.WhenAll(loops);
        watch.Stop();
        var duplicates = deliveries.Values.Sum(n => n - 1);
        output.WriteLine($"{dispatchers} dispatchers delivered {deliveries.Count}/{expected} items in {watch.Elapsed.TotalSeconds:F1} s; duplicates: {duplicates}; out of order: {outOfOrder}");
        return (deliveries.Count, duplicates, outOfOrder, watch.Elapsed);
    }
}

/// <summary>4 dispatcher loops over 20,000 facts on PostgreSQL (a fresh database for this class).</summary>
public sealed class PostgresDispatcherScaleTests : IClassFixture<PostgresDatabase>
{
    private readonly PostgresDatabase _database;
    private readonly ITestOutputHelper _output;

    public PostgresDispatcherScaleTests(PostgresDatabase database, ITestOutputHelper output)
    {
        _database = database;
        _output = output;
    }

    [SkippableFact]
    public async Task FourDispatchersDeliverTwentyThousandFactsExactlyOnceInOrder()
    {
        // A missing server reports the test as skipped (with CI=true the fixture fails instead): never a silent pass.
        Skip.If(_database.NotRunReason is not null, "NOT RUN: " + _database.NotRunReason);

        var now = Instant.FromUtc(2031, 1, 1, 0, 0);
        const int invitations = 5000;
        const int facts = 4;
        var seed = Stopwatch.StartNew();
        await DispatcherScale.SeedFactsAsync(_database, invitations, facts, now);
        _output.WriteLine($"seeded {invitations * facts} facts in {seed.Elapsed.TotalSeconds:F1} s");

        // The dispatch took about 60 s on a 2-core host with a load average near 25 (other builds running);
        // the bound leaves room for such a host. The output reports the time and the per-dispatcher split.
        var limit = TimeSpan.FromSeconds(120);
        var (delivered, duplicates, outOfOrder, elapsed) = await DispatcherScale.RunAsync(
            _database.Store, dispatchers: 4, expected: invitations * facts, now, limit, _output);

        Assert.Equal(invitations * facts, delivered);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, outOfOrder);
        Assert.True(elapsed < limit);
        Assert.Empty(await _database.Store.ClaimOutboxAsync(new OutboxClaim { Owner = "final", Now = now + Duration.FromDays(1), LeaseDuration = Duration.FromMinutes(1) }, CancellationToken.None));
    }

}

/// <summary>The crash test on PostgreSQL (a fresh database for this class).</summary>
public sealed class PostgresCrashTests : IClassFixture<PostgresDatabase>
{
    private readonly PostgresDatabase _database;
    private readonly ITestOutputHelper _output;

    public PostgresCrashTests(PostgresDatabase database, ITestOutputHelper output)
    {
        _database = database;
        _output = output;
    }

    [SkippableFact]
    public async Task CrashedDispatcherWorkIsPickedUpAfterTheLeaseExpires()
    {
        // A missing server reports the test as skipped (with CI=true the fixture fails instead): never a silent pass.
        Skip.If(_database.NotRunReason is not null, "NOT RUN: " + _database.NotRunReason);

        await CrashTest.RunAsync(_database);
    }
}

/// <summary>Smaller dispatcher run on a SQLite file (4 loops, 800 facts: every SQLite commit syncs the file).</summary>
public sealed class SqliteDispatcherScaleTests : IClassFixture<SqliteDatabase>
{
    private readonly SqliteDatabase _database;
    private readonly ITestOutputHelper _output;

    public SqliteDispatcherScaleTests(SqliteDatabase database, ITestOutputHelper output)
    {
        _database = database;
        _output = output;
    }

    [SkippableFact]
    public async Task FourDispatchersDeliverEightHundredFactsExactlyOnceInOrder()
    {
        var now = Instant.FromUtc(2031, 1, 1, 0, 0);
        await DispatcherScale.SeedFactsAsync(_database, 200, 4, now);

        var (delivered, duplicates, outOfOrder, _) = await DispatcherScale.RunAsync(
            _database.Store, dispatchers: 4, expected: 800, now, TimeSpan.FromSeconds(60), _output);

        Assert.Equal(800, delivered);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, outOfOrder);
    }
}

/// <summary>The crash test on a SQLite file.</summary>
public sealed class SqliteCrashTests : IClassFixture<SqliteDatabase>
{
    private readonly SqliteDatabase _database;

    public SqliteCrashTests(SqliteDatabase database) => _database = database;

    [SkippableFact]
    public async Task CrashedDispatcherWorkIsPickedUpAfterTheLeaseExpires() => await CrashTest.RunAsync(_database);
}

internal static class CrashTest
{
    /// <summary>A claimer takes items and dies; after the lease (explicit instants, no sleeping) another delivers them.</summary>
    public static async Task RunAsync(StoreDatabase database)
    {
        var store = database.Store;
        var now = Instant.FromUtc(2032, 6, 1, 0, 0);
        var lease = Duration.FromSeconds(30);
        await DispatcherScale.SeedFactsAsync(database, 10, 1, now);

        var crashed = await store.ClaimOutboxAsync(new OutboxClaim { Owner = "crashed", Now = now, LeaseDuration = lease, MaxItems = 100 }, CancellationToken.None);
        Assert.Equal(10, crashed.Count);

        Assert.Empty(await store.ClaimOutboxAsync(new OutboxClaim { Owner = "rescuer", Now = now + lease - Duration.FromMilliseconds(1), LeaseDuration = lease }, CancellationToken.None));
        var rescued = await store.ClaimOutboxAsync(new OutboxClaim { Owner = "rescuer", Now = now + lease, LeaseDuration = lease, MaxItems = 100 }, CancellationToken.None);
        Assert.Equal(crashed.Select(i => i.Id).OrderBy(i => i.Value), rescued.Select(i => i.Id).OrderBy(i => i.Value));
        foreach (var item in rescued)
        {
            Assert.True(await store.CompleteOutboxAsync(item.Id, "rescuer", now + lease, CancellationToken.None));
            Assert.False(await store.CompleteOutboxAsync(item.Id, "crashed", now + lease, CancellationToken.None));
        }

        Assert.Empty(await store.ClaimOutboxAsync(new OutboxClaim { Owner = "late", Now = now + Duration.FromDays(1), LeaseDuration = lease }, CancellationToken.None));
    }
}
