using Invitations.EntityFrameworkCore.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invitations.EntityFrameworkCore.Schema;

/// <summary>What a <see cref="SchemaStep"/> works on: the host's context, its provider and the model's table names.</summary>
internal sealed class SchemaTarget
{
    public SchemaTarget(DbContext context)
    {
        Context = context;
        IsPostgres = context.Database.ProviderName == StoreProvider.NpgsqlProviderName;
        IsSqlite = context.Database.ProviderName == StoreProvider.SqliteProviderName;
        var invitations = context.Model.FindEntityType(typeof(InvitationRow))
            ?? throw new InvalidOperationException("The context's model has no invitations table; call modelBuilder.ApplyInvitationsModel().");
        Schema = invitations.GetSchema();
        Sql = context.GetService<ISqlGenerationHelper>();
    }

    public DbContext Context { get; }

    public bool IsPostgres { get; }

    public bool IsSqlite { get; }

    /// <summary>The schema of the invitation tables (null: the default).</summary>
    public string? Schema { get; }

    public ISqlGenerationHelper Sql { get; }

    /// <summary>A table of the invitation schema, delimited for this provider.</summary>
    public string Table(string name) => Sql.DelimitIdentifier(name, Schema);

    /// <summary>Runs DDL or a statement built only from identifiers and constants.</summary>
    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken) =>
#pragma warning disable EF1002 // Only identifiers from the model and constants are interpolated.
        Context.Database.ExecuteSqlRawAsync(sql, cancellationToken);
#pragma warning restore EF1002

    /// <summary>
    /// Adds a column unless the table has it: PostgreSQL with <c>ADD COLUMN IF NOT EXISTS</c>; SQLite, which has no such
    /// clause, after reading the table's columns.
    /// </summary>
    /// <param name="tableName">The table's name (undelimited).</param>
    /// <param name="column">The column's name (undelimited).</param>
    /// <param name="postgresType">The PostgreSQL type and constraints (e.g. <c>integer NOT NULL DEFAULT 0</c>).</param>
    /// <param name="sqliteType">The SQLite type and constraints (e.g. <c>INTEGER NOT NULL DEFAULT 0</c>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task AddColumnIfMissingAsync(string tableName, string column, string postgresType, string sqliteType, CancellationToken cancellationToken)
    {
        var table = Table(tableName);
        if (IsPostgres)
        {
            await ExecuteAsync($"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {Sql.DelimitIdentifier(column)} {postgresType}", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!IsSqlite)
        {
            return;
        }

#pragma warning disable EF1002 // Only a table name from the model is interpolated.
        var columns = await Context.Database
            .SqlQueryRaw<string>($"SELECT name AS \"Value\" FROM pragma_table_info('{tableName}')")
            .ToListAsync(cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1002
        if (!columns.Contains(column))
        {
            await ExecuteAsync($"ALTER TABLE {table} ADD COLUMN {Sql.DelimitIdentifier(column)} {sqliteType}", cancellationToken).ConfigureAwait(false);
        }
    }
}
