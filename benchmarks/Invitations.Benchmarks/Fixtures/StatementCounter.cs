using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Invitations.Benchmarks.Fixtures;

/// <summary>
/// Counts the statements the EF Core store sends (issue 14), for the throughput verb to print per invite: each
/// statement of every command (EF Core batches several into one command, each ended by ";" and a line break) and
/// each transaction's begin and commit or rollback. The store runs nothing past EF Core, so nothing is missed.
/// </summary>
public sealed class StatementCounter : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private long _statements;

    /// <summary>The one counter the store factories attach to every EF Core store.</summary>
    public static StatementCounter Shared { get; } = new();

    /// <summary>The statements counted so far.</summary>
    public long Count => Interlocked.Read(ref _statements);

    private void Command(DbCommand command)
    {
        var text = command.CommandText.AsSpan();
        var count = 0;
        for (var i = text.IndexOf(';'); i >= 0; i = text.IndexOf(';'))
        {
            var rest = text[(i + 1)..].TrimStart(" \t\r");
            count += rest.Length == 0 || rest[0] == '\n' ? 1 : 0;
            text = text[(i + 1)..];
        }

        Interlocked.Add(ref _statements, count + (text.Trim().Length > 0 ? 1 : 0));
    }

    private void One() => Interlocked.Increment(ref _statements);

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Command(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Command(command);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Command(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Command(command);
        return result;
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Command(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Command(command);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        One();
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        One();
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        One();
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => One();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        One();
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => One();
}
