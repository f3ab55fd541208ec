using Invitations.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
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
    private static readonly Dictionary<string, Func<IInvitationStore>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["memory"] = static () => new InMemoryInvitationStore(),
        ["sqlite"] = static () => EfStore(o => o.UseSqlite($"Data Source={SqliteFile()}")),
        ["postgres"] = static () => EfStore(o => o.UseNpgsql(PostgresConnection())),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static IInvitationStore Create(string name) =>
        Factories.TryGetValue(name, out var factory)
            ? factory()
            : throw new ArgumentException($"Unknown store '{name}'. Available: {string.Join(", ", Factories.Keys)}. Add a factory in StoreFactories.cs.", nameof(name));

    // A fresh file per store in the temp folder, deleted (with its WAL files) when the process exits.
    private static string SqliteFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"invitations-bench-{Guid.NewGuid():N}.db");
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
    private static string PostgresConnection()
    {
        var baseConnection = Environment.GetEnvironmentVariable("INVITATIONS_POSTGRES")
            ?? throw new InvalidOperationException("Set INVITATIONS_POSTGRES (source .ci/setup-postgres.sh) to benchmark PostgreSQL.");
        var database = $"invitations_bench_{Guid.NewGuid():N}";
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
    private static void BestEffort(Action cleanUp)
    {
        try
        {
            cleanUp();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Data.Common.DbException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            Console.Error.WriteLine($"clean-up after the benchmark failed: {ex.Message}");
        }
    }

    private static EntityFrameworkCoreInvitationStore<InvitationsDbContext> EfStore(Action<DbContextOptionsBuilder<InvitationsDbContext>> configure)
    {
        var builder = new DbContextOptionsBuilder<InvitationsDbContext>();
        configure(builder);
        builder.AddInterceptors(StatementCounter.Shared);
        var factory = new PooledDbContextFactory<InvitationsDbContext>(builder.Options);
        using (var db = factory.CreateDbContext())
        {
            db.Database.EnsureInvitationsSchemaAsync().GetAwaiter().GetResult();
        }

        return new EntityFrameworkCoreInvitationStore<InvitationsDbContext>(factory);
    }
}
