using Invitations.EntityFrameworkCore;
using Invitations.InMemory;
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
        ["sqlite"] = static () => EfStore(o => o.UseSqlite($"Data Source={Path.Combine(Path.GetTempPath(), $"invitations-bench-{Guid.NewGuid():N}.db")}")),
        ["postgres"] = static () => EfStore(o => o.UseNpgsql(PostgresConnection())),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static IInvitationStore Create(string name) =>
        Factories.TryGetValue(name, out var factory)
            ? factory()
            : throw new ArgumentException($"Unknown store '{name}'. Available: {string.Join(", ", Factories.Keys)}. Add a factory in StoreFactories.cs.", nameof(name));

    // A fresh database per run on the server named by INVITATIONS_POSTGRES (what .ci/setup-postgres.sh exports).
    private static string PostgresConnection()
    {
        var baseConnection = Environment.GetEnvironmentVariable("INVITATIONS_POSTGRES")
            ?? throw new InvalidOperationException("Set INVITATIONS_POSTGRES (source .ci/setup-postgres.sh) to benchmark PostgreSQL.");
        return new Npgsql.NpgsqlConnectionStringBuilder(baseConnection) { Database = $"invitations_bench_{Guid.NewGuid():N}" }.ConnectionString;
    }

    private static EntityFrameworkCoreInvitationStore<InvitationsDbContext> EfStore(Action<DbContextOptionsBuilder<InvitationsDbContext>> configure)
    {
        var builder = new DbContextOptionsBuilder<InvitationsDbContext>();
        configure(builder);
        var factory = new PooledDbContextFactory<InvitationsDbContext>(builder.Options);
        using (var db = factory.CreateDbContext())
        {
            db.Database.EnsureInvitationsSchemaAsync().GetAwaiter().GetResult();
        }

        return new EntityFrameworkCoreInvitationStore<InvitationsDbContext>(factory);
    }
}
