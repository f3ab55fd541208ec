using Invitations.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Invitations.Benchmarks.Fixtures;

/// <summary>
/// The store switch of the benchmarks and the throughput verb (<c>--store NAME</c>): <c>memory</c> (the
/// in-memory default) and <c>sqlite</c> (Invitations.EntityFrameworkCore on a fresh SQLite file in the
/// temp folder, schema created up front) and <c>postgres</c> (a fresh database on the server named by
/// <c>INVITATIONS_POSTGRES</c>); every benchmark and the throughput verb run against each unchanged.
/// </summary>
public static class StoreFactories
{
    private static readonly Dictionary<string, Func<IInterceptor[], IInvitationStore>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["memory"] = static _ => new InMemoryInvitationStore(),
        ["sqlite"] = static interceptors => EfStore(o => o.UseSqlite($"Data Source={NewSqliteFile()}"), interceptors),
        ["postgres"] = static interceptors => EfStore(o => o.UseNpgsql(NewPostgresDatabase()), interceptors),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>The store named <paramref name="name"/>; an EF Core store gets <paramref name="interceptors"/> (a statement log, say).</summary>
    public static IInvitationStore Create(string name, params IInterceptor[] interceptors) =>
        Factories.TryGetValue(name, out var factory)
            ? factory(interceptors)
            : throw new ArgumentException($"Unknown store '{name}'. Available: {string.Join(", ", Factories.Keys)}. Add a factory in StoreFactories.cs.", nameof(name));

    // A fresh file per store in the temp folder, deleted (with its WAL files) when the process exits.
    public static string NewSqliteFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"invitations-bench-{Guid.NewGuid():N}.db");
        Keep(path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => BestEffort(() =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        });
        return path;
    }

    // A fresh database per store on the server named by INVITATIONS_POSTGRES (what .ci/setup-postgres.sh
    // exports), dropped when the process exits so runs do not pile databases up on the server.
    public static string NewPostgresDatabase()
    {
        var baseConnection = Environment.GetEnvironmentVariable("INVITATIONS_POSTGRES")
            ?? throw new InvalidOperationException("Set INVITATIONS_POSTGRES (source .ci/setup-postgres.sh) to benchmark PostgreSQL.");
        var database = $"invitations_bench_{Guid.NewGuid():N}";
        Keep(database);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => BestEffort(() =>
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var admin = new Npgsql.NpgsqlConnection(baseConnection);
            admin.Open();
            using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
        });
        return new Npgsql.NpgsqlConnectionStringBuilder(baseConnection) { Database = database }.ConnectionString;
    }

    // Clean-up at exit must not turn a finished run into a crash (the server may already be gone).
    // INVITATIONS_BENCH_KEEP=1 keeps the databases for inspection (their names are printed).
    private static void BestEffort(Action cleanUp)
    {
        if (Environment.GetEnvironmentVariable("INVITATIONS_BENCH_KEEP") == "1")
        {
            return;
        }

        try
        {
            cleanUp();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Data.Common.DbException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            Console.Error.WriteLine($"clean-up after the benchmark failed: {ex.Message}");
        }
    }

    private static void Keep(string database)
    {
        if (Environment.GetEnvironmentVariable("INVITATIONS_BENCH_KEEP") == "1")
        {
            Console.Error.WriteLine($"keeping {database}");
        }
    }

    /// <summary>
    /// The EF Core store as a host wires it (a pooled context factory) on the database <paramref name="configure"/>
    /// names, with its schema created by <c>EnsureInvitationsSchemaAsync</c> (on SQLite that also switches the file to WAL).
    /// </summary>
    public static EntityFrameworkCoreInvitationStore<InvitationsDbContext> EfStore(Action<DbContextOptionsBuilder<InvitationsDbContext>> configure, params IInterceptor[] interceptors)
    {
        var builder = new DbContextOptionsBuilder<InvitationsDbContext>();
        configure(builder);
        if (interceptors.Length > 0)
        {
            builder.AddInterceptors(interceptors);
        }

        var factory = new PooledDbContextFactory<InvitationsDbContext>(builder.Options);
        using (var db = factory.CreateDbContext())
        {
            db.Database.EnsureInvitationsSchemaAsync().GetAwaiter().GetResult();
        }

        return new EntityFrameworkCoreInvitationStore<InvitationsDbContext>(factory);
    }
}
