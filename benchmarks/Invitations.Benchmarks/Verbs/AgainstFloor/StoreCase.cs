using Invitations.Benchmarks.Fixtures;
using Invitations.Benchmarks.Floor.Database;
using Invitations.EntityFrameworkCore.Tests.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Invitations.Benchmarks.Verbs.AgainstFloor;

/// <summary>
/// A database the comparison runs on. Each side gets a fresh database of its own (same schema, created by the
/// library's <c>EnsureInvitationsSchemaAsync</c>), so neither reads or locks the other's rows and both tables grow alike.
/// </summary>
internal sealed record StoreCase(string Name, string Title, bool IsPostgres)
{
    public static readonly StoreCase[] All =
    [
        new("sqlite", "SQLite file, the library's defaults (EnsureInvitationsSchemaAsync: WAL; synchronous = FULL)", false),
        new("sqlite-normal", "SQLite file, WAL + synchronous = NORMAL (set once per connection when it opens)", false),
        new("postgres", "PostgreSQL on loopback (server defaults: synchronous_commit = on)", true),
    ];

    /// <summary>
    /// Connection string options added to both sides' PostgreSQL connection strings (<c>--pg-options "No Reset On Close=true"</c>):
    /// settings a host may choose for its own pool.
    /// </summary>
    public static string? PostgresOptions { get; set; }

    /// <summary>Why this store cannot run here, or null.</summary>
    public string? SkipReason => IsPostgres && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("INVITATIONS_POSTGRES"))
        ? "INVITATIONS_POSTGRES is not set (source .ci/setup-postgres.sh in the same shell)"
        : null;

    /// <summary>The library's EF Core store on a fresh database, counting its statements into <paramref name="statements"/>.</summary>
    public IInvitationStore CreateOurs(StatementLog statements) => CreateOurs(NewDatabase(), statements);

    /// <summary>The library's EF Core store on the database <paramref name="connection"/> names (its schema created if needed).</summary>
    public IInvitationStore CreateOurs(string connection, StatementLog statements)
    {
        IInterceptor[] interceptors = Name == "sqlite-normal" ? [new SqliteSynchronousNormal(), statements] : [statements];
        return IsPostgres
            ? StoreFactories.EfStore(o => o.UseNpgsql(connection), interceptors)
            : StoreFactories.EfStore(o => o.UseSqlite(connection), interceptors);
    }

    /// <summary>The floor on a fresh database with the library's schema.</summary>
    public FloorDatabase CreateFloor(FloorMessages messages, StatementLog statements)
    {
        var connection = NewDatabase();
        if (IsPostgres)
        {
            StoreFactories.EfStore(o => o.UseNpgsql(connection));
            return new FloorDatabase(new NpgsqlFloorDialect(connection), messages);
        }

        StoreFactories.EfStore(o => o.UseSqlite(connection));
        return new FloorDatabase(new SqliteFloorDialect(connection, synchronousNormal: Name == "sqlite-normal", statements), messages);
    }

    /// <summary>A fresh database of this kind (deleted or dropped when the process exits); its connection string.</summary>
    public string NewDatabase() => IsPostgres
        ? StoreFactories.NewPostgresDatabase() + (string.IsNullOrEmpty(PostgresOptions) ? "" : ";" + PostgresOptions)
        : $"Data Source={StoreFactories.NewSqliteFile()}";
}
