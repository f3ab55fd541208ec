using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invitations.EntityFrameworkCore.Providers;

/// <summary>
/// The one writer connection a store keeps open per SQLite database, used by every write under the provider's
/// in-process write gate (SQLite has one writer at a time per file anyway), with the hot path's statements prepared
/// once on it. Opening a pooled connection per write reran the host's connection-opened interceptors and, above all,
/// made Microsoft.Data.Sqlite parse and plan every statement again (dotnet/efcore#14044): measured on the invite path,
/// preparing the two INSERTs was a quarter of the store's time. A session is used by one operation at a time (its
/// gate holder). After an operation that threw, it is kept only when its connection is open with no transaction left
/// on it (<see cref="IsHealthy"/>), so a broken connection or a leaked transaction is never reused.
/// </summary>
internal sealed class WriterSession : IAsyncDisposable, IDisposable
{
    /// <summary>More distinct statements than the hot path has (chunked batch inserts, completion lists by count).</summary>
    private const int MaxPrepared = 64;

    private static readonly ConditionalWeakTable<DbContext, WriterSession> ByContext = [];
    private readonly OrderedDictionary<string, DbCommand> _prepared = new(StringComparer.Ordinal);

    private WriterSession(DbContext context, string key)
    {
        Context = context;
        Key = key;
    }

    /// <summary>The long-lived context whose connection stays open.</summary>
    public DbContext Context { get; }

    /// <summary>The connection string the session writes to.</summary>
    public string Key { get; }

    /// <summary>
    /// Whether the next operation may use the session: its connection is open and no transaction is left on it (every
    /// write of the store begins and ends its own; one left over would make later writes join it and never commit).
    /// </summary>
    public bool IsHealthy => !IsDisposed
        && Context.Database.CurrentTransaction is null && Context.Database.GetDbConnection().State == System.Data.ConnectionState.Open;

    /// <summary>Opens a session on a new context (the connection is opened through EF Core, so its interceptors run, once).</summary>
    public static async Task<WriterSession> OpenAsync(DbContext context, string key, CancellationToken cancellationToken)
    {
        try
        {
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await context.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var session = new WriterSession(context, key);
        ByContext.AddOrUpdate(context, session);
        return session;
    }

    /// <summary>The session whose context <paramref name="context"/> is, if it is one.</summary>
    public static WriterSession? Of(DbContext context) => ByContext.TryGetValue(context, out var session) ? session : null;

    /// <summary>Runs a statement prepared on the session's connection, in its current transaction; returns the rows affected.</summary>
    public Task<int> ExecuteAsync(string sql, DbParameter[] parameters, CancellationToken cancellationToken) =>
        RunAsync(sql, parameters, static (command, ct) => command.ExecuteNonQueryAsync(ct), cancellationToken);

    /// <summary>Runs a prepared statement that returns one column and reads it.</summary>
    public Task<List<T>> QueryAsync<T>(string sql, DbParameter[] parameters, CancellationToken cancellationToken) =>
        RunAsync(
            sql,
            parameters,
            static async (command, ct) =>
            {
                var values = new List<T>();
                var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        values.Add(reader.GetFieldValue<T>(0));
                    }
                }

                return values;
            },
            cancellationToken);

    /// <summary>Reads at most one row with a prepared statement (a lookup made while the write gate was free).</summary>
    public Task<TRow?> ReadOneAsync<TRow>(RowSql<TRow> rows, string sql, DbParameter parameter, CancellationToken cancellationToken)
        where TRow : class, new() =>
        RunAsync(
            sql,
            [parameter],
            async (command, ct) =>
            {
                var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await reader.ReadAsync(ct).ConfigureAwait(false) ? rows.ReadRow(reader) : null;
                }
            },
            cancellationToken);

    /// <summary>Runs <paramref name="execute"/> on the prepared command for <paramref name="sql"/>, its parameters cleared after.</summary>
    private async Task<T> RunAsync<T>(string sql, DbParameter[] parameters, Func<DbCommand, CancellationToken, Task<T>> execute, CancellationToken cancellationToken)
    {
        var command = Command(sql, parameters);
        try
        {
            return await execute(command, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            command.Parameters.Clear();
        }
    }

    private DbCommand Command(string sql, DbParameter[] parameters)
    {
        var index = _prepared.IndexOf(sql);
        DbCommand command;
        if (index >= 0)
        {
            // Least recently used last out: a hit moves to the end (64 entries at most, so the shift is cheap).
            command = _prepared.GetAt(index).Value;
            if (index != _prepared.Count - 1)
            {
                _prepared.RemoveAt(index);
                _prepared.Add(sql, command);
            }
        }
        else
        {
            if (_prepared.Count >= MaxPrepared)
            {
                // The least recently used: a rare shape (a chunk or completion size seen once), not a hot statement.
                var oldest = _prepared.GetAt(0).Value;
                _prepared.RemoveAt(0);
                oldest.Dispose();
            }

            command = Context.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            _prepared.Add(sql, command);
        }

        command.Transaction = Context.Database.CurrentTransaction?.GetDbTransaction();
        if (Context.Database.GetCommandTimeout() is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>Whether the session was closed (discarded or the store disposed).</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>Drops the prepared statements (after a failure: they are prepared again on next use).</summary>
    public void ForgetPrepared() => DisposeCommands();

    private void DisposeCommands()
    {
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        _prepared.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (IsDisposed)
        {
            return;
        }

        IsDisposed = true;
        ByContext.Remove(Context);
        try
        {
            DisposeCommands();
            await Context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
        finally
        {
            await Context.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Closes the session synchronously (a DI container that disposes synchronously): Microsoft.Data.Sqlite closes a
    /// connection synchronously even when asked asynchronously, so nothing here waits on another thread.
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
