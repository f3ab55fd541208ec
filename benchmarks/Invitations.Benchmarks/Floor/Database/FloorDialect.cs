using System.Data;
using System.Data.Common;
using Invitations.EntityFrameworkCore.Tests.Statements;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Invitations.Benchmarks.Floor.Database;

/// <summary>
/// What differs between SQLite and PostgreSQL for the database floor: how a session's connection is opened (and
/// its settings chosen once, when it opens), how a <see cref="Guid"/> column is bound (the EF Core SQLite
/// provider stores it as upper-case text, PostgreSQL as <c>uuid</c>), and whether writers share an in-process
/// gate (SQLite has one writer per file: the library's store queues its writers on a gate too).
/// </summary>
public abstract class FloorDialect
{
    /// <summary>Opens a new connection for one session.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The one writer gate of the database, or null where the database serializes writers itself.</summary>
    public abstract SemaphoreSlim? WriteGate { get; }

    /// <summary>Enters the writer gate, if the database has one: dispose the result to leave it.</summary>
    public async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken)
    {
        if (WriteGate is not { } gate)
        {
            return null;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(gate);
    }

    /// <summary>The parameter type the provider binds for a column of <paramref name="type"/>.</summary>
    public virtual DbType Bind(DbType type) => type;

    /// <summary>The parameter value for a column value.</summary>
    public virtual object Value(object? value) => value ?? DBNull.Value;

    /// <summary>Counts what the database runs on a session's connection, or null when the floor counts its own statements.</summary>
    public virtual StatementLog? Trace => null;

    /// <summary>
    /// Whether a batch is one multi-row INSERT per table (a round trip saved per row), or the single-row prepared
    /// inserts repeated inside the batch's transaction (in process, where a round trip costs nothing and SQLite binds
    /// each named parameter by a linear search, so a statement of thousands of parameters binds in quadratic time).
    /// </summary>
    public virtual bool MultiRowBatches => true;

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}

/// <summary>Microsoft.Data.Sqlite on a file: settings as the library's store sees them, optionally <c>synchronous = NORMAL</c> per connection.</summary>
/// <param name="connectionString">The file's connection string (the one the library's schema was created with).</param>
/// <param name="synchronousNormal">Sets <c>PRAGMA synchronous = NORMAL</c> once, when a session's connection opens.</param>
/// <param name="trace">Counts every statement SQLite runs on the floor's connections (<c>sqlite3_trace</c>), as for the library.</param>
public sealed class SqliteFloorDialect(string connectionString, bool synchronousNormal, StatementLog trace) : FloorDialect
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public override SemaphoreSlim? WriteGate => _gate;

    public override StatementLog? Trace => trace;

    public override bool MultiRowBatches => false;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (synchronousNormal)
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = NORMAL";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Traced after the once-per-connection setting: what is counted is the work of the operations.
        trace.ConnectionOpened(connection, null!);
        return connection;
    }

    // EF Core's SQLite provider writes a Guid as upper-case text ("D" format); the floor writes the same column value.
    public override DbType Bind(DbType type) => type == DbType.Guid ? DbType.String : type;

    public override object Value(object? value) => value is Guid g ? g.ToString().ToUpperInvariant() : base.Value(value);
}

/// <summary>Npgsql on PostgreSQL: the server serializes conflicting writers with row locks; no gate.</summary>
/// <param name="connectionString">The database's connection string.</param>
public sealed class NpgsqlFloorDialect(string connectionString) : FloorDialect
{
    public override SemaphoreSlim? WriteGate => null;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
