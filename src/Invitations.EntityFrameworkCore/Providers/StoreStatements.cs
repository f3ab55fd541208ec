using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invitations.EntityFrameworkCore.Providers;

/// <summary>
/// Sends the store's raw statements: prepared on the writer session's connection when the context is a session's
/// (<see cref="WriterSession"/>), otherwise through EF Core's raw SQL API (so the host's command interceptors and
/// logging see them).
/// </summary>
internal static class StoreStatements
{
    /// <summary>Runs a statement; returns the rows affected.</summary>
    public static Task<int> ExecuteAsync(DbContext context, string sql, DbParameter[] parameters, CancellationToken cancellationToken) =>
        WriterSession.Of(context) is { } session
            ? session.ExecuteAsync(sql, parameters, cancellationToken)
            : context.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);

    /// <summary>Runs a statement that returns one column named <c>Value</c> and reads it.</summary>
    public static Task<List<T>> QueryAsync<T>(DbContext context, string sql, DbParameter[] parameters, CancellationToken cancellationToken) =>
        WriterSession.Of(context) is { } session
            ? session.QueryAsync<T>(sql, parameters, cancellationToken)
            : context.Database.SqlQueryRaw<T>(sql, parameters).ToListAsync(cancellationToken);

    /// <summary>
    /// Reads at most one row with <paramref name="sql"/> (from <see cref="RowSql{TRow}.SelectOneWhere"/>) through EF Core's
    /// raw command pipeline, the one <c>ExecuteSqlRaw</c> uses (so the host's command interceptors, logging and
    /// diagnostics see it), reading the row straight from the data reader: the lookups of the invite and accept paths,
    /// past EF Core's query compilation cache, query enumerable and materializer. On SQLite's writer session (a lookup
    /// that found the write gate free) the statement is prepared on the session's connection instead.
    /// </summary>
    public static Task<TRow?> ReadOneAsync<TRow>(DbContext context, RowSql<TRow> rows, string sql, Func<DbParameter> parameter, CancellationToken cancellationToken)
        where TRow : class, new() =>
        WriterSession.Of(context) is { } session
            ? session.ReadOneAsync(rows, sql, parameter(), cancellationToken)
            : ReadThroughEfCoreAsync(context, rows, sql, parameter, cancellationToken);

    private static Task<TRow?> ReadThroughEfCoreAsync<TRow>(DbContext context, RowSql<TRow> rows, string sql, Func<DbParameter> parameter, CancellationToken cancellationToken)
        where TRow : class, new() =>

        // In the host's execution strategy, as the compiled query was (a retrying strategy retries the lookup whole,
        // with a new parameter: a parameter belongs to one command).
        context.Database.CreateExecutionStrategy().ExecuteAsync(
            (context, rows, sql, parameter),
            static async (_, state, ct) =>
            {
                var (context, rows, sql, parameter) = state;
                var command = context.GetService<IRawSqlCommandBuilder>().Build(sql, [parameter()], context.Model);
                var reader = await command.RelationalCommand.ExecuteReaderAsync(
                    new RelationalCommandParameterObject(
                        context.GetService<IRelationalConnection>(),
                        command.ParameterValues,
                        readerColumns: null,
                        context,
                        context.GetService<IRelationalCommandDiagnosticsLogger>(),
                        CommandSource.FromSqlQuery),
                    ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await reader.ReadAsync(ct).ConfigureAwait(false) ? rows.ReadRow(reader.DbDataReader) : null;
                }
            },
            verifySucceeded: null,
            cancellationToken);
}
