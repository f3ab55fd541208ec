using System.Buffers.Text;
using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using NodaTime;

namespace Invitations.Benchmarks.Floor.Database;

/// <summary>
/// One caller's connection to the floor's database with its statements prepared once: invite (one transaction of
/// the invitation row and its two outbox rows, then one completion of what was delivered), accept (one transaction
/// of the conditional UPDATE that wins or loses the race and its fact row, then one completion) and a batch
/// (one transaction of one multi-row INSERT per table, then one completion). Not thread-safe: one per caller.
/// </summary>
public sealed class FloorSession : IAsyncDisposable
{
    private readonly FloorDatabase _database;
    private readonly DbConnection _connection;
    private readonly RowStatements _invite;
    private readonly RowStatements _fact;
    private readonly DbCommand _accept;
    private readonly DbCommand _complete1;
    private readonly DbCommand _complete2;
    private readonly DbCommand _completeOwner;
    private readonly Dictionary<int, RowStatements> _batches = [];
    private long _batch;

    private FloorSession(FloorDatabase database, DbConnection connection, RowStatements invite, RowStatements fact)
    {
        _database = database;
        _connection = connection;
        _invite = invite;
        _fact = fact;
        _accept = Command(FloorSql.Accept, ("@now", DbType.Int64), ("@sub", DbType.String), ("@hash", DbType.Binary));
        _complete1 = Command(FloorSql.Complete(1), ("@now", DbType.Int64), ("@owner", DbType.String), ("@id0", DbType.Guid));
        _complete2 = Command(FloorSql.Complete(2), ("@now", DbType.Int64), ("@owner", DbType.String), ("@id0", DbType.Guid), ("@id1", DbType.Guid));
        _completeOwner = Command(FloorSql.CompleteOwner, ("@now", DbType.Int64), ("@owner", DbType.String));
    }

    internal static async Task<FloorSession> OpenAsync(FloorDatabase database, CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var invite = await RowStatements.PrepareAsync(
            connection, dialect, cancellationToken,
            ("invitations", FloorSql.InvitationColumns, 1), ("invitation_outbox", FloorSql.OutboxColumns, 2)).ConfigureAwait(false);
        var fact = await RowStatements.PrepareAsync(connection, dialect, cancellationToken, ("invitation_outbox", FloorSql.OutboxColumns, 1)).ConfigureAwait(false);
        var session = new FloorSession(database, connection, invite, fact);
        foreach (var command in new[] { session._accept, session._complete1, session._complete2, session._completeOwner })
        {
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        }

        return session;
    }

    /// <summary>Invites one recipient; returns the token (the link's secret).</summary>
    public async Task<string> InviteAsync(FloorRequest request, CancellationToken cancellationToken)
    {
        var write = FloorWrite.Create(request, _database.Messages, _database.Owner, FloorDatabase.Lease);
        await WriteAsync([write], _invite, cancellationToken).ConfigureAwait(false);

        // Inline delivery: the sender and the sink are the host's no-op transport; then one completion of both items.
        _complete2.Parameters["@id0"].Value = _database.Dialect.Value(write.FactId);
        _complete2.Parameters["@id1"].Value = _database.Dialect.Value(write.MessageId);
        await CompleteAsync(_complete2, _database.Owner, cancellationToken).ConfigureAwait(false);
        return write.Token;
    }

    /// <summary>
    /// Invites a batch in one transaction (one multi-row INSERT per table, or the single-row inserts repeated where
    /// <see cref="FloorDialect.MultiRowBatches"/> is off) and completes it in one statement.
    /// </summary>
    public async Task<int> InviteBatchAsync(IReadOnlyList<FloorRequest> requests, CancellationToken cancellationToken)
    {
        var owner = _database.Owner + "/" + ++_batch;
        var writes = new FloorWrite[requests.Count];
        for (var i = 0; i < writes.Length; i++)
        {
            writes[i] = FloorWrite.Create(requests[i], _database.Messages, owner, FloorDatabase.Lease);
        }

        if (_database.Dialect.MultiRowBatches)
        {
            if (!_batches.TryGetValue(requests.Count, out var statements))
            {
                statements = await RowStatements.PrepareAsync(
                    _connection, _database.Dialect, cancellationToken,
                    ("invitations", FloorSql.InvitationColumns, requests.Count), ("invitation_outbox", FloorSql.OutboxColumns, 2 * requests.Count)).ConfigureAwait(false);
                _batches[requests.Count] = statements;
            }

            for (var i = 0; i < writes.Length; i++)
            {
                statements.Set(0, i, writes[i].Invitation);
                statements.Set(1, 2 * i, writes[i].Fact);
                statements.Set(1, (2 * i) + 1, writes[i].Message);
            }

            await WriteAsync([statements], 1, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WriteAsync(writes, _invite, cancellationToken).ConfigureAwait(false);
        }

        await CompleteAsync(_completeOwner, owner, cancellationToken).ConfigureAwait(false);
        return requests.Count;
    }

    /// <summary>Accepts by token: true when this call won (the invitation was pending and unexpired).</summary>
    public async Task<bool> AcceptAsync(string token, string subjectId, CancellationToken cancellationToken)
    {
        Span<byte> secret = stackalloc byte[32];
        if (token.Length != 43 || !Base64Url.TryDecodeFromChars(token, secret, out var written) || written != 32)
        {
            return false;
        }

        var hash = SHA256.HashData(secret);
        var now = SystemClock.Instance.GetCurrentInstant();
        var factId = Guid.CreateVersion7();
        using (await _database.Dialect.EnterWriteAsync(cancellationToken).ConfigureAwait(false))
        {
            var transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                _accept.Transaction = transaction;
                _accept.Parameters["@now"].Value = now.ToUnixTimeTicks();
                _accept.Parameters["@sub"].Value = subjectId;
                _accept.Parameters["@hash"].Value = hash;
                FloorInvitation? accepted = null;
                var reader = await _accept.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        accepted = Read(reader, subjectId);
                    }
                }

                if (accepted is null)
                {
                    // Lost the race (or no such pending invitation): nothing was written.
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    _database.Count(3);
                    return false;
                }

                _fact.Set(0, 0, FloorWrite.AcceptedFact(factId, accepted, subjectId, _database.Owner, FloorDatabase.Lease));
                await _fact.ExecuteAsync(transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                _database.Count(4);
            }
        }

        _complete1.Parameters["@id0"].Value = _database.Dialect.Value(factId);
        await CompleteAsync(_complete1, _database.Owner, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Inserts the rows of <paramref name="writes"/> with the single-row statements, all in one transaction.</summary>
    private Task WriteAsync(FloorWrite[] writes, RowStatements single, CancellationToken cancellationToken) =>
        WriteAsync(
            async (transaction, ct) =>
            {
                foreach (var write in writes)
                {
                    single.Set(0, 0, write.Invitation);
                    single.Set(1, 0, write.Fact);
                    single.Set(1, 1, write.Message);
                    await single.ExecuteAsync(transaction, ct).ConfigureAwait(false);
                }
            },
            writes.Length * single.Statements,
            cancellationToken);

    /// <summary>Runs prepared, already bound statements in one transaction.</summary>
    private Task WriteAsync(RowStatements[] bound, int executions, CancellationToken cancellationToken) =>
        WriteAsync(
            async (transaction, ct) =>
            {
                foreach (var statements in bound)
                {
                    await statements.ExecuteAsync(transaction, ct).ConfigureAwait(false);
                }
            },
            executions * bound.Sum(b => b.Statements),
            cancellationToken);

    /// <summary>One write transaction behind the database's writer gate (if it has one); counts its statements, BEGIN and COMMIT.</summary>
    private async Task WriteAsync(Func<DbTransaction, CancellationToken, Task> write, int statements, CancellationToken cancellationToken)
    {
        using (await _database.Dialect.EnterWriteAsync(cancellationToken).ConfigureAwait(false))
        {
            var transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await write(transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            _database.Count(statements + 2);
        }
    }

    private async Task CompleteAsync(DbCommand complete, string owner, CancellationToken cancellationToken)
    {
        complete.Parameters["@now"].Value = SystemClock.Instance.GetCurrentInstant().ToUnixTimeTicks();
        complete.Parameters["@owner"].Value = owner;
        using (await _database.Dialect.EnterWriteAsync(cancellationToken).ConfigureAwait(false))
        {
            complete.Transaction = null;
            await complete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _database.Count(1);
        }
    }

    private static FloorInvitation Read(DbDataReader reader, string subjectId) => new()
    {
        Id = reader.GetGuid(0),
        State = 1,
        Version = reader.GetInt64(1),
        FactSequence = reader.GetInt64(2),
        Email = reader.GetString(3),
        GivenName = reader.IsDBNull(4) ? null : reader.GetString(4),
        FamilyName = reader.IsDBNull(5) ? null : reader.GetString(5),
        Groups = JsonSerializer.Deserialize<string[]>(reader.GetString(6)) ?? [],
        Roles = JsonSerializer.Deserialize<string[]>(reader.GetString(7)) ?? [],
        CustomFields = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(8)),
        InvitedBy = reader.GetString(9),
        CreatedAt = Instant.FromUnixTimeTicks(reader.GetInt64(10)).ToDateTimeUtc(),
        UpdatedAt = Instant.FromUnixTimeTicks(reader.GetInt64(11)).ToDateTimeUtc(),
        ExpiresAt = Instant.FromUnixTimeTicks(reader.GetInt64(12)).ToDateTimeUtc(),
        AcceptedSubjectId = subjectId,
    };

    private DbCommand Command(string sql, params (string Name, DbType Type)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.DbType = _database.Dialect.Bind(type);
            p.Value = DBNull.Value;
            command.Parameters.Add(p);
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _invite.DisposeAsync().ConfigureAwait(false);
        await _fact.DisposeAsync().ConfigureAwait(false);
        foreach (var statements in _batches.Values)
        {
            await statements.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var command in new[] { _accept, _complete1, _complete2, _completeOwner })
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
