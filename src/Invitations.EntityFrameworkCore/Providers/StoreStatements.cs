using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invitations.EntityFrameworkCore.Providers;

/// <summary>
/// Sends the store's raw statements: prepared on the writer session's connection when the context is a session's
/// (<see cref="WriterSession"/>), otherwise as EF Core relational commands (<see cref="StoreCommand"/>: the host's
/// command interceptors, logging and diagnostics see them), in the host's execution strategy, and on PostgreSQL
/// prepared on the pooled connection (<see cref="StatementPreparation"/>).
/// </summary>
internal static class StoreStatements
{
    /// <summary>Runs a statement; returns the rows affected.</summary>
    public static Task<int> ExecuteAsync(DbContext context, string sql, DbParameter[] parameters, CancellationToken cancellationToken) =>
        WriterSession.Of(context) is { } session
            ? session.ExecuteAsync(sql, parameters, cancellationToken)
            : RunAsync(context, sql, () => parameters, CommandSource.ExecuteSqlRaw, static (command, p, ct) => command.ExecuteNonQueryAsync(p, ct), cancellationToken);

    /// <summary>Runs a statement that returns one column named <c>Value</c> and reads it.</summary>
    public static Task<List<T>> QueryAsync<T>(DbContext context, string sql, DbParameter[] parameters, CancellationToken cancellationToken) =>
        WriterSession.Of(context) is { } session
            ? session.QueryAsync<T>(sql, parameters, cancellationToken)
            : RunAsync(context, sql, () => parameters, CommandSource.FromSqlQuery, Reading(static async (reader, ct) =>
            {
                var values = new List<T>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    values.Add(reader.DbDataReader.GetFieldValue<T>(0));
                }

                return values;
            }), cancellationToken);

    /// <summary>
    /// Reads at most one row with <paramref name="sql"/> (from <see cref="RowSql{TRow}.SelectOneWhere"/>) straight from
    /// the data reader: the lookups of the invite and accept paths, past EF Core's query compilation cache, query
    /// enumerable and materializer. On SQLite's writer session (a lookup that found the write gate free) the statement
    /// is prepared on the session's connection instead.
    /// </summary>
    public static Task<TRow?> ReadOneAsync<TRow>(DbContext context, RowSql<TRow> rows, string sql, Func<DbParameter> parameter, CancellationToken cancellationToken)
        where TRow : class, new() =>
        WriterSession.Of(context) is { } session
            ? session.ReadOneAsync(rows, sql, parameter(), cancellationToken)
            : RunAsync(context, sql, () => [parameter()], CommandSource.FromSqlQuery, Reading(async (reader, ct) =>
                await reader.ReadAsync(ct).ConfigureAwait(false) ? rows.ReadRow(reader.DbDataReader) : null), cancellationToken);

    /// <summary>A run of <see cref="RunAsync"/> that executes the command's reader and reads it with <paramref name="read"/>.</summary>
    private static Func<IRelationalCommand, RelationalCommandParameterObject, CancellationToken, Task<T>> Reading<T>(Func<RelationalDataReader, CancellationToken, Task<T>> read) =>
        async (command, parameterObject, ct) =>
        {
            var reader = await command.ExecuteReaderAsync(parameterObject, ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await read(reader, ct).ConfigureAwait(false);
            }
        };

    /// <summary>
    /// Runs <paramref name="sql"/> with the parameters <paramref name="parameters"/> gives on each attempt of a retrying
    /// strategy, through EF Core's command pipeline. The lookups make new ones per attempt; the writes hand the same
    /// ones again, which EF Core (and <see cref="StatementPreparation"/>) release from the failed attempt's command.
    /// </summary>
    private static Task<T> RunAsync<T>(
        DbContext context,
        string sql,
        Func<DbParameter[]> parameters,
        CommandSource source,
        Func<IRelationalCommand, RelationalCommandParameterObject, CancellationToken, Task<T>> run,
        CancellationToken cancellationToken) =>
        context.Database.CreateExecutionStrategy().ExecuteAsync(
            (context, sql, parameters, source, run),
            static async (_, state, ct) =>
            {
                var (context, sql, parameters, source, run) = state;
                var values = parameters();
                var command = StoreCommand.Create(context, sql, values);
                var connection = context.GetService<IRelationalConnection>();
                var parameterObject = new RelationalCommandParameterObject(
                    connection, parameterValues: null, readerColumns: null, context, context.GetService<IRelationalCommandDiagnosticsLogger>(), source);
                if (command is not StoreCommand storeCommand || !StatementPreparation.Applies(StoreProvider.For(context), values.Length))
                {
                    return await run(command, parameterObject, ct).ConfigureAwait(false);
                }

                // Open across the preparation and the run, so both use the same server connection.
                await connection.OpenAsync(ct).ConfigureAwait(false);
                try
                {
                    var prepared = await StatementPreparation.PrepareAsync(connection, storeCommand, values, ct).ConfigureAwait(false);
                    return await run(prepared, parameterObject, ct).ConfigureAwait(false);
                }
                finally
                {
                    await connection.CloseAsync().ConfigureAwait(false);
                }
            },
            verifySucceeded: null,
            cancellationToken);
}
