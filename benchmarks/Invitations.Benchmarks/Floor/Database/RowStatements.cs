using System.Data;
using System.Data.Common;

namespace Invitations.Benchmarks.Floor.Database;

/// <summary>
/// One or more prepared multi-row INSERTs that run together in a transaction: as one <see cref="DbBatch"/> (one round
/// trip) where the provider has batches (Npgsql), as the same commands one after the other otherwise (SQLite, in
/// process). Prepared once and reused with new values: the statements are parsed and planned once per connection.
/// </summary>
internal sealed class RowStatements : IAsyncDisposable
{
    private readonly DbBatch? _batch;
    private readonly DbCommand[] _commands;
    private readonly DbParameter[][][] _cells;
    private readonly FloorDialect _dialect;

    private RowStatements(DbConnection connection, FloorDialect dialect, (string Table, (string Name, DbType Type)[] Columns, int Rows)[] inserts)
    {
        _dialect = dialect;
        using var factory = connection.CreateCommand();
        _cells = new DbParameter[inserts.Length][][];
        DbParameterCollection[] parameters;
        if (connection.CanCreateBatch)
        {
            _batch = connection.CreateBatch();
            _commands = [];
            parameters = new DbParameterCollection[inserts.Length];
            for (var i = 0; i < inserts.Length; i++)
            {
                var command = _batch.CreateBatchCommand();
                command.CommandText = FloorSql.Insert(inserts[i].Table, inserts[i].Columns, inserts[i].Rows);
                _batch.BatchCommands.Add(command);
                parameters[i] = command.Parameters;
            }
        }
        else
        {
            _commands = new DbCommand[inserts.Length];
            parameters = new DbParameterCollection[inserts.Length];
            for (var i = 0; i < inserts.Length; i++)
            {
                _commands[i] = connection.CreateCommand();
                _commands[i].CommandText = FloorSql.Insert(inserts[i].Table, inserts[i].Columns, inserts[i].Rows);
                parameters[i] = _commands[i].Parameters;
            }
        }

        for (var i = 0; i < inserts.Length; i++)
        {
            var (_, columns, rows) = inserts[i];
            _cells[i] = new DbParameter[rows][];
            for (var r = 0; r < rows; r++)
            {
                _cells[i][r] = new DbParameter[columns.Length];
                for (var c = 0; c < columns.Length; c++)
                {
                    var p = factory.CreateParameter();
                    p.ParameterName = "@r" + r + "_" + c;
                    p.DbType = dialect.Bind(columns[c].Type);
                    p.Value = DBNull.Value;
                    parameters[i].Add(p);
                    _cells[i][r][c] = p;
                }
            }
        }
    }

    /// <summary>How many statements one execution runs.</summary>
    public int Statements => _cells.Length;

    public static async Task<RowStatements> PrepareAsync(
        DbConnection connection, FloorDialect dialect, CancellationToken cancellationToken,
        params (string Table, (string Name, DbType Type)[] Columns, int Rows)[] inserts)
    {
        var statements = new RowStatements(connection, dialect, inserts);
        if (statements._batch is { } batch)
        {
            await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            foreach (var command in statements._commands)
            {
                await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return statements;
    }

    /// <summary>Sets row <paramref name="row"/> of insert <paramref name="insert"/> (values in column order).</summary>
    public void Set(int insert, int row, object?[] values)
    {
        var cells = _cells[insert][row];
        for (var c = 0; c < cells.Length; c++)
        {
            cells[c].Value = _dialect.Value(values[c]);
        }
    }

    public async Task ExecuteAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (_batch is { } batch)
        {
            batch.Transaction = transaction;
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var command in _commands)
        {
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_batch is not null)
        {
            await _batch.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var command in _commands)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }
}
