using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Invitations.EntityFrameworkCore.Tests.Statements;

/// <summary>
/// Every statement the store sends, as the database sees it. On SQLite the engine's own trace
/// (<c>sqlite3_trace</c>) records each statement it runs, including pragmas, <c>BEGIN</c> and <c>COMMIT</c> that
/// Microsoft.Data.Sqlite issues for a transaction and commands created on the connection past EF Core. On
/// PostgreSQL every command goes through EF Core, so its commands and transaction events are the count (Npgsql
/// sends <c>BEGIN</c> with the next command, but it is still a statement the server runs).
/// </summary>
public sealed class StatementLog : IDbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
{
    private static readonly System.Text.RegularExpressions.Regex StatementEnd = new(@";\s*\r?\n", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
    private readonly List<string> _statements = [];
    private readonly object _gate = new();
    private bool _sqlite;

    /// <summary>The statements since the last <see cref="Take"/>, and clears them.</summary>
    public IReadOnlyList<string> Take()
    {
        lock (_gate)
        {
            var taken = _statements.ToList();
            _statements.Clear();
            return taken;
        }
    }

    private void Add(string statement)
    {
        lock (_gate)
        {
            _statements.Add(statement.Trim());
        }
    }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Trace(connection);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Trace(connection);
        return Task.CompletedTask;
    }

    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Untrace(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Untrace(connection);
        return ValueTask.FromResult(result);
    }

    private void Trace(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            _sqlite = true;
            SQLitePCL.raw.sqlite3_trace(sqlite.Handle, static (object log, string sql) => ((StatementLog)log).Add(sql), this);
        }
    }

    private static void Untrace(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            SQLitePCL.raw.sqlite3_trace(handle, (SQLitePCL.strdelegate_trace?)null, null);
        }
    }

    private void Command(DbCommand command)
    {
        if (!_sqlite)
        {
            // EF Core batches several statements into one command, each ended by ";" and a line break.
            foreach (var statement in StatementEnd.Split(command.CommandText))
            {
                if (statement.Trim().Length > 0)
                {
                    Add(statement);
                }
            }
        }
    }

    private void Transaction(string statement)
    {
        if (!_sqlite)
        {
            Add(statement);
        }
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Command(command);
        return result;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Command(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Command(command);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Command(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Command(command);
        return result;
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Command(command);
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Transaction("BEGIN");
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Transaction("BEGIN");
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Transaction("COMMIT");

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Transaction("COMMIT");
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Transaction("ROLLBACK");

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Transaction("ROLLBACK");
        return Task.CompletedTask;
    }

    /// <summary>The column names of an UPDATE's SET list (quoted or not).</summary>
    internal static List<string> SetColumns(string update)
    {
        var start = update.IndexOf(" SET ", StringComparison.Ordinal) + 5;
        var list = update[start..update.IndexOf(" WHERE ", start, StringComparison.Ordinal)];
        return [.. System.Text.RegularExpressions.Regex.Matches(list, "\"?([a-z_]+)\"? = ").Select(m => m.Groups[1].Value)];
    }

    /// <summary>Whether <paramref name="statement"/> is an UPDATE of the invitations table.</summary>
    internal static bool UpdatesInvitations(string statement) =>
        System.Text.RegularExpressions.Regex.IsMatch(statement, "UPDATE \"?invitations\"? SET");
}
