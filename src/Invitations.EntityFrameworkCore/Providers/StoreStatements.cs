using System.Data.Common;
using Microsoft.EntityFrameworkCore;

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
}
