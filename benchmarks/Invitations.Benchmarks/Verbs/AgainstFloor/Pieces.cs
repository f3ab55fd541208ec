using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Invitations.Benchmarks.Fixtures;
using Invitations.Benchmarks.Floor.Database;
using Invitations.EntityFrameworkCore.Tests.Statements;
using Invitations.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NodaTime;

namespace Invitations.Benchmarks.Verbs.AgainstFloor;

/// <summary>
/// <c>throughput --vs-floor --pieces</c>: single statements of the library's hot path, each timed through the EF Core
/// store and as the same statement prepared on a plain connection, on one database, interleaved. Every call misses
/// (no row matches), so no commit waits for the disk and what is left is the cost of issuing the statement: where the
/// library's path costs more than the database's, that is the pipeline around the statement.
/// </summary>
internal static class Pieces
{
    public static async Task RunAsync(StoreCase store, int n, int reps)
    {
        var connection = store.NewDatabase();
        using var compilations = new QueryCompilations();
        var log = new StatementLog();
        var efStore = store.CreateOurs(connection, log);
        using var host = new BenchHost(store: _ => efStore, dispatchInline: true, transports: DiscardingTransport.Register);
        host.SeedPending(1000);
        Console.WriteLine($"EF Core query compilations while seeding 1,000 invitations (the listener's check): {compilations.Take()}");
        var dialect = store.IsPostgres ? (FloorDialect)new NpgsqlFloorDialect(connection) : new SqliteFloorDialect(connection, store.Name == "sqlite-normal", new StatementLog());
        var plain = await dialect.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using (plain.ConfigureAwait(false))
        {
            var byKey = await PrepareAsync(plain, dialect, "SELECT * FROM invitations WHERE pending_recipient_key = @k LIMIT 1", ("@k", DbType.String)).ConfigureAwait(false);
            var byHash = await PrepareAsync(plain, dialect, "SELECT * FROM invitations WHERE token_hash = @h LIMIT 1", ("@h", DbType.Binary)).ConfigureAwait(false);
            var complete = await PrepareAsync(plain, dialect, FloorSql.Complete(2), ("@now", DbType.Int64), ("@owner", DbType.String), ("@id0", DbType.Guid), ("@id1", DbType.Guid)).ConfigureAwait(false);
            var owner = "pieces";
            var contexts = new PooledDbContextFactory<InvitationsDbContext>(store.IsPostgres
                ? new DbContextOptionsBuilder<InvitationsDbContext>().UseNpgsql(connection).Options
                : new DbContextOptionsBuilder<InvitationsDbContext>().UseSqlite(connection).Options);
            var now = SystemClock.Instance.GetCurrentInstant();
            var pieces = new (string Name, Func<int, Task> Ours, Func<int, Task> Floor)[]
            {
                ("lookup by pending recipient (compiled query / prepared SELECT)",
                    i => efStore.FindPendingByRecipientAsync("rk1:missing" + i, default).AsTask(),
                    i => ReadAsync(byKey, dialect, "rk1:missing" + i)),
                ("lookup by token digest (compiled query / prepared SELECT)",
                    _ => efStore.FindByTokenHashAsync(RandomNumberGenerator.GetBytes(32), default).AsTask(),
                    _ => ReadAsync(byHash, dialect, RandomNumberGenerator.GetBytes(32))),
                ("completion of 2 items (LINQ ExecuteUpdate / prepared UPDATE)",
                    _ => efStore.CompleteOutboxAsync([new OutboxItemId(Guid.CreateVersion7()), new OutboxItemId(Guid.CreateVersion7())], owner, now, default).AsTask(),
                    _ => CompleteAsync(complete, dialect, owner, now)),
                ("completion of 2 items (the same SQL through EF Core: ExecuteSqlRawAsync on a pooled context / prepared UPDATE)",
                    _ => CompleteRawAsync(contexts, dialect, owner, now),
                    _ => CompleteAsync(complete, dialect, owner, now)),
            };

            Console.WriteLine("| statement (every call matches no row) | ours µs | plain prepared µs | ours − plain µs | ours / plain bytes allocated per call | ours: EF Core query compilations per call (warm) | ours: statements per call, the first one |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
            foreach (var (name, ours, floor) in pieces)
            {
                await TimeAsync(ours, 200).ConfigureAwait(false);
                log.Take();
                compilations.Take();
                await TimeAsync(ours, 200).ConfigureAwait(false);
                var compiled = compilations.Take() / 200.0;
                var sent = log.Take();
                await TimeAsync(floor, 200).ConfigureAwait(false);
                var o = new List<double>();
                var f = new List<double>();
                for (var rep = 0; rep < reps; rep++)
                {
                    o.Add(await TimeAsync(ours, n).ConfigureAwait(false));
                    f.Add(await TimeAsync(floor, n).ConfigureAwait(false));
                }

                var (om, fm) = (o.Order().ElementAt(o.Count / 2), f.Order().ElementAt(f.Count / 2));
                var (ob, fb) = (await BytesPerCallAsync(ours, 200).ConfigureAwait(false), await BytesPerCallAsync(floor, 200).ConfigureAwait(false));
                var first = sent.Count == 0 ? "" : sent[0].ReplaceLineEndings(" ");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {om:0.0} | {fm:0.0} | {om - fm:0.0} | {ob:N0} / {fb:N0} | {compiled:0.00} | {sent.Count / 200.0:0.00}: `{first[..Math.Min(first.Length, 400)]}` |"));
            }
        }
    }

    private static async Task<double> TimeAsync(Func<int, Task> call, int n)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < n; i++)
        {
            await call(i).ConfigureAwait(false);
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / n;
    }

    /// <summary>The bytes the whole process allocates per call, over <paramref name="n"/> calls made one after another.</summary>
    private static async Task<double> BytesPerCallAsync(Func<int, Task> call, int n)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await TimeAsync(call, n).ConfigureAwait(false);
        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)n;
    }

    private static async Task ReadAsync(DbCommand command, FloorDialect dialect, object value)
    {
        command.Parameters[0].Value = dialect.Value(value);
        var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (await reader.ReadAsync().ConfigureAwait(false))
            {
                throw new InvalidOperationException("the lookup was to miss");
            }
        }
    }

    private static async Task CompleteAsync(DbCommand command, FloorDialect dialect, string owner, Instant now)
    {
        command.Parameters[0].Value = now.ToUnixTimeTicks();
        command.Parameters[1].Value = owner;
        command.Parameters[2].Value = dialect.Value(Guid.CreateVersion7());
        command.Parameters[3].Value = dialect.Value(Guid.CreateVersion7());
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task CompleteRawAsync(PooledDbContextFactory<InvitationsDbContext> contexts, FloorDialect dialect, string owner, Instant now)
    {
        var context = await contexts.CreateDbContextAsync().ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
#pragma warning disable EF1002 // A constant statement; values are parameters.
            await context.Database.ExecuteSqlRawAsync(
                CompleteSql, now.ToUnixTimeTicks(), owner, dialect.Value(Guid.CreateVersion7()), dialect.Value(Guid.CreateVersion7())).ConfigureAwait(false);
#pragma warning restore EF1002
        }
    }

    private static readonly string CompleteSql = FloorSql.Complete(2)
        .Replace("@now", "{0}", StringComparison.Ordinal).Replace("@owner", "{1}", StringComparison.Ordinal)
        .Replace("@id0", "{2}", StringComparison.Ordinal).Replace("@id1", "{3}", StringComparison.Ordinal);

    private static async Task<DbCommand> PrepareAsync(DbConnection connection, FloorDialect dialect, string sql, params (string Name, DbType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.DbType = dialect.Bind(type);
            p.Value = DBNull.Value;
            command.Parameters.Add(p);
        }

        await command.PrepareAsync().ConfigureAwait(false);
        return command;
    }
}
