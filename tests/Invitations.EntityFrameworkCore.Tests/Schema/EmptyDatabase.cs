using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Invitations.EntityFrameworkCore.Tests.Schema;

/// <summary>A database of its own with no tables, for a test that builds a schema of an earlier version in it.</summary>
public abstract class EmptyDatabase : IAsyncDisposable
{
    /// <summary>Why the database cannot be made here, or null.</summary>
    public virtual string? NotRunReason => null;

    /// <summary>The provider and connection.</summary>
    public abstract Action<DbContextOptionsBuilder> Configure { get; }

    /// <summary>The fixture file of this provider's earlier schemas: <c>schema-{version}.{Suffix}.sql</c>.</summary>
    public abstract string Suffix { get; }

    /// <summary>Opens a plain connection (no EF Core) to the database.</summary>
    public abstract DbConnection Connect();

    /// <summary>Runs the DDL of <c>Schema/Fixtures/schema-{version}.{Suffix}.sql</c>.</summary>
    public async Task CreateSchemaAsync(string version)
    {
        var ddl = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Schema", "Fixtures", $"schema-{version}.{Suffix}.sql"));
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = ddl;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The result of a scalar query on a plain connection.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Inserts an outbox row with the columns 0.1.0 had, on a plain connection.</summary>
    internal async Task InsertOutbox010Async(OutboxRow row)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO invitation_outbox (id, invitation_id, kind, sequence, payload, status, created_at, due_at, attempts, lease_owner, lease_expires_at, last_error, completed_at)
            VALUES (@id, @invitation, @kind, @sequence, @payload, @status, @created, @due, @attempts, NULL, NULL, NULL, @completed)
            """;
        Add(command, "id", Id(row.Id));
        Add(command, "invitation", Id(row.InvitationId));
        Add(command, "kind", row.Kind);
        Add(command, "sequence", row.Sequence);
        Add(command, "payload", (object?)row.Payload ?? DBNull.Value);
        Add(command, "status", row.Status);
        Add(command, "created", row.CreatedAt.ToUnixTimeTicks());
        Add(command, "due", row.DueAt.ToUnixTimeTicks());
        Add(command, "attempts", row.Attempts);
        Add(command, "completed", row.CompletedAt is { } completed ? completed.ToUnixTimeTicks() : DBNull.Value);
        await command.ExecuteNonQueryAsync();

        static void Add(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    /// <summary>A GUID as this provider's EF Core mapping stores it.</summary>
    protected abstract object Id(Guid id);

    public abstract ValueTask DisposeAsync();
}

/// <summary>A new SQLite file.</summary>
public sealed class EmptySqliteDatabase : EmptyDatabase
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "invitations-efcore-tests", Guid.NewGuid().ToString("N"));

    public EmptySqliteDatabase() => Directory.CreateDirectory(_directory);

    private string ConnectionString => $"Data Source={Path.Combine(_directory, "invitations.db")};Pooling=True;Default Timeout=60";

    public override Action<DbContextOptionsBuilder> Configure
    {
        get
        {
            var connectionString = ConnectionString;
            return o => o.UseSqlite(connectionString);
        }
    }

    public override string Suffix => "sqlite";

    public override DbConnection Connect() => new SqliteConnection(ConnectionString);

    // EF Core's SQLite mapping stores GUIDs as upper-case text.
    protected override object Id(Guid id) => id.ToString().ToUpperInvariant();

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A new database on the PostgreSQL server named by INVITATIONS_POSTGRES, dropped at the end.</summary>
public sealed class EmptyPostgresDatabase : EmptyDatabase
{
    private readonly string _database = "invitations_test_" + Guid.NewGuid().ToString("N")[..16];
    private string? _connectionString;

    public override string? NotRunReason => new PostgresDatabase().NotRunReason;

    public override Action<DbContextOptionsBuilder> Configure
    {
        get
        {
            var connectionString = _connectionString!;
            return o => o.UseNpgsql(connectionString);
        }
    }

    public override string Suffix => "postgres";

    public async Task CreateAsync()
    {
        if (PostgresDatabase.ConnectionString is not { } admin)
        {
            if (PostgresDatabase.IsCi)
            {
                throw new InvalidOperationException($"CI=true but {PostgresDatabase.Variable} is not set: the PostgreSQL tests cannot run.");
            }

            return;
        }

        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _database }.ConnectionString;
    }

    public override DbConnection Connect() => new NpgsqlConnection(_connectionString);

    protected override object Id(Guid id) => id;

    public override async ValueTask DisposeAsync()
    {
        if (_connectionString is null)
        {
            return;
        }

        await PostgresDatabase.DropAsync(PostgresDatabase.ConnectionString!, _database);
    }
}
