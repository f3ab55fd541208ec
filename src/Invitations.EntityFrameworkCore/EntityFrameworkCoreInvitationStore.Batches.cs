using System.Data.Common;
using Invitations.EntityFrameworkCore.Providers;
using Microsoft.EntityFrameworkCore;

namespace Invitations.EntityFrameworkCore;

/// <summary>
/// The batch half of the EF Core store: on SQLite a batch of creations is one transaction of two
/// statements (PostgreSQL: both in one statement, <see cref="InsertManyInOneStatementAsync"/>), <c>INSERT INTO invitations ... VALUES (...), (...) ON CONFLICT DO NOTHING RETURNING id</c> and one
/// multi-row INSERT of the saved invitations' outbox items. The RETURNING list tells which invitations collided without
/// aborting the transaction (a failed statement aborts a PostgreSQL transaction); the reasons are read with one more
/// statement, only when something collided. Single creations take the same path with a batch of one.
/// </summary>
public sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    /// <inheritdoc />
    /// <remarks>
    /// On SQLite (3.35 or later, for RETURNING) and PostgreSQL: one transaction of two statements for a batch of up to
    /// about 780 invitations (the parameter limit; larger batches take one INSERT pair per chunk, still in the one
    /// transaction), plus one read when some item collided. Other providers save the items one by one.
    /// </remarks>
    public ValueTask<IReadOnlyList<LeasedWriteResult>> CreateManyAsync(IReadOnlyList<InvitationCreation> batch, OutboxLease? lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var item in batch)
        {
            if (item?.Invitation is null || item.Outbox is null)
            {
                throw new ArgumentException("The batch must not contain null items, invitations or outbox lists.", nameof(batch));
            }

            foreach (var outboxItem in item.Outbox)
            {
                if (outboxItem is null || outboxItem.InvitationId != item.Invitation.Id)
                {
                    throw new ArgumentException(
                        $"Every outbox item of a creation must belong to its invitation ({item.Invitation.Id}); one is null or belongs to another.", nameof(batch));
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (batch.Count == 0)
        {
            return ValueTask.FromResult<IReadOnlyList<LeasedWriteResult>>([]);
        }

        return RunAsync<IReadOnlyList<LeasedWriteResult>>(
            async (context, provider, ct) => !provider.InsertsIgnoringConflicts
                ? await SaveOneByOneAsync(context, provider, batch, lease, ct).ConfigureAwait(false)
                : provider.WritesInOneStatement && FitsOneStatement(context, batch)
                    ? await InsertManyInOneStatementAsync(context, provider, batch, lease, ct).ConfigureAwait(false)
                    : await InTransactionAsync(context, ct2 => InsertManyAsync(context, provider, batch, lease, ct2), ct).ConfigureAwait(false),
            cancellationToken,
            write: true);
    }

    /// <summary>Other providers: one atomic save per item, through the portable path.</summary>
    private async Task<IReadOnlyList<LeasedWriteResult>> SaveOneByOneAsync(
        TContext context, StoreProvider provider, IReadOnlyList<InvitationCreation> batch, OutboxLease? lease, CancellationToken cancellationToken)
    {
        var results = new LeasedWriteResult[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            results[i] = await SaveChangesCreateAsync(context, provider, batch[i].Invitation, batch[i].Outbox, lease, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>The two INSERTs (per chunk) of a batch in the caller's transaction; returns one result per item.</summary>
    private async Task<IReadOnlyList<LeasedWriteResult>> InsertManyAsync(
        TContext context, StoreProvider provider, IReadOnlyList<InvitationCreation> batch, OutboxLease? lease, CancellationToken cancellationToken)
    {
        var invitations = RowSql<InvitationRow>.For(context);
        var outbox = RowSql<OutboxRow>.For(context);
        var inserted = new HashSet<Guid>();
        var perInvitations = invitations.RowsPerStatement(provider.MaxInsertParameters);
        for (var start = 0; start < batch.Count; start += perInvitations)
        {
            var rows = new List<InvitationRow>(Math.Min(perInvitations, batch.Count - start));
            for (var i = start; i < batch.Count && i < start + perInvitations; i++)
            {
                rows.Add(RowMapper.ToRow(batch[i].Invitation));
            }

            var (sql, parameters) = invitations.Insert(context, rows, $" ON CONFLICT DO NOTHING RETURNING {invitations.Key} AS {invitations.Value}");
            inserted.UnionWith(await StoreStatements.QueryAsync<Guid>(context, sql, parameters, cancellationToken).ConfigureAwait(false));
        }

        // An item whose invitation row was not inserted collided with a stored row or an earlier item of the batch: the
        // same id is two items (or a stored one), so only the first item with an inserted id counts as saved.
        var outboxRows = new List<OutboxRow>();
        var (results, failed) = Settle(batch, inserted, i =>
        {
            var (stored, leased) = StageOutbox(batch[i].Outbox, lease, leaseNone: false);
            outboxRows.AddRange(stored.Select(o => RowMapper.ToRow(o, _protector)));
            return leased;
        });

        var perOutbox = outbox.RowsPerStatement(provider.MaxInsertParameters);
        for (var start = 0; start < outboxRows.Count; start += perOutbox)
        {
            var (sql, parameters) = outbox.Insert(context, outboxRows.GetRange(start, Math.Min(perOutbox, outboxRows.Count - start)));
            await ExecuteAsync(context, provider, sql, parameters, cancellationToken).ConfigureAwait(false);
        }

        if (failed.Count > 0)
        {
            await ClassifyCollisionsAsync(context, batch, failed, results, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    private static readonly LeasedWriteResult Unleased = new(StoreWriteStatus.Saved, []);

    /// <summary>
    /// One result per item from the ids the invitations' insert returned: saved (with what <paramref name="save"/>
    /// leased) for the first item of each inserted id, the rest failed, to be classified.
    /// </summary>
    private static (LeasedWriteResult[] Results, List<int> Failed) Settle(
        IReadOnlyList<InvitationCreation> batch, HashSet<Guid> inserted, Func<int, List<OutboxItem>> save)
    {
        var results = new LeasedWriteResult[batch.Count];
        var failed = new List<int>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (!inserted.Remove(batch[i].Invitation.Id.Value))
            {
                failed.Add(i);
                continue;
            }

            var leased = save(i);
            results[i] = leased.Count == 0 ? Unleased : new LeasedWriteResult(StoreWriteStatus.Saved, leased);
        }

        return (results, failed);
    }

    /// <summary>
    /// Whether the batch can be one statement on PostgreSQL: its parameters fit one statement and no id is two of its
    /// items (the outbox insert joins on the inserted ids, so a repeated id would bring its second item's rows in).
    /// </summary>
    private static bool FitsOneStatement(TContext context, IReadOnlyList<InvitationCreation> batch)
    {
        var items = 0;
        var ids = new HashSet<Guid>();
        foreach (var creation in batch)
        {
            items += creation.Outbox.Count;
            if (!ids.Add(creation.Invitation.Id.Value))
            {
                return false;
            }
        }

        return FitsOneStatement(context, batch.Count, items);
    }

    /// <summary>Whether <paramref name="invitations"/> invitation rows (plus a guard) and <paramref name="outboxRows"/> outbox rows fit one statement's parameters.</summary>
    private static bool FitsOneStatement(TContext context, int invitations, int outboxRows) =>
        (invitations * RowSql<InvitationRow>.For(context).ColumnCount) + 1 + (outboxRows * RowSql<OutboxRow>.For(context).ColumnCount)
            <= RowSql<InvitationRow>.MaxParameters;

    /// <summary>
    /// The batch as one statement (PostgreSQL): <c>WITH i AS (INSERT INTO invitations ... ON CONFLICT DO NOTHING
    /// RETURNING id), o AS (INSERT INTO invitation_outbox ... SELECT ... FROM (VALUES ...) AS v WHERE v.invitation_id IN
    /// (SELECT id FROM i)) SELECT id FROM i</c>: the outbox rows of exactly the inserted invitations, atomic without a
    /// transaction of its own, one round trip.
    /// </summary>
    private async Task<IReadOnlyList<LeasedWriteResult>> InsertManyInOneStatementAsync(
        TContext context, StoreProvider provider, IReadOnlyList<InvitationCreation> batch, OutboxLease? lease, CancellationToken cancellationToken)
    {
        var invitations = RowSql<InvitationRow>.For(context);
        var staged = new List<OutboxItem>[batch.Count];
        var outboxRows = new List<OutboxRow>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (stored, leased) = StageOutbox(batch[i].Outbox, lease, leaseNone: false);
            outboxRows.AddRange(stored.Select(o => RowMapper.ToRow(o, _protector)));
            staged[i] = leased;
        }

        var (sql, parameters) = invitations.Insert(
            context, batch.Select(c => RowMapper.ToRow(c.Invitation)).ToList(), $" ON CONFLICT DO NOTHING RETURNING {invitations.Key} AS {invitations.Value}");
        if (outboxRows.Count > 0)
        {
            var (insert, values) = RowSql<OutboxRow>.For(context).InsertFromValues(
                context, outboxRows, parameters.Length, static _ => null, $"WHERE v.{OutboxSql.For(context).InvitationId} IN (SELECT {invitations.Value} FROM i)");
            sql = $"WITH i AS ({sql}), o AS ({insert}) SELECT {invitations.Value} FROM i";
            parameters = [.. parameters, .. values];
        }

        HashSet<Guid> inserted;
        try
        {
            inserted = [.. await StoreStatements.QueryAsync<Guid>(context, sql, parameters, cancellationToken).ConfigureAwait(false)];
        }
        catch (DbException ex) when (ex.SqlState is not null && !provider.IsTransient(ex))
        {
            // The server refused the statement (an outbox key, a lock or statement timeout): a statement is atomic, so
            // nothing of it was kept. A connection that broke has no SQLSTATE: its outcome is unknown, it goes up as it is.
            throw new InvalidOperationException("The batch could not be saved; nothing of the write was kept.", ex);
        }

        var (results, failed) = Settle(batch, inserted, i => staged[i]);
        if (failed.Count > 0)
        {
            await ClassifyCommittedCollisionsAsync(context, provider, batch, failed, results).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>
    /// Why the items that were not inserted collided, read after the one-statement write has committed: not
    /// cancellable (the saved items are committed whatever the caller does now) and retried here on contention, so a
    /// transient error never makes the store run the committed batch again.
    /// </summary>
    private static async Task ClassifyCommittedCollisionsAsync(
        TContext context, StoreProvider provider, IReadOnlyList<InvitationCreation> batch, List<int> failed, LeasedWriteResult[] results)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ClassifyCollisionsAsync(context, batch, failed, results, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt < MaxAttempts && provider.IsTransient(ex))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Why each item that was not inserted collided, read with one statement in the same transaction (SQLite) or right
    /// after the one-statement write committed (PostgreSQL), so it sees the batch's own rows: the same id, else the same idempotency key, else (what is left for a pending invitation) the
    /// same pending recipient key, the order a single create reports them in.
    /// </summary>
    private static async Task ClassifyCollisionsAsync(TContext context, IReadOnlyList<InvitationCreation> batch, List<int> failed, LeasedWriteResult[] results, CancellationToken cancellationToken)
    {
        var ids = failed.ConvertAll(i => batch[i].Invitation.Id.Value);
        var keys = failed.Select(i => batch[i].Invitation.IdempotencyKey).OfType<string>().ToList();
        var holders = await context.Set<InvitationRow>().AsNoTracking()
            .Where(r => ids.Contains(r.Id) || (r.IdempotencyKey != null && keys.Contains(r.IdempotencyKey)))
            .Select(r => new { r.Id, r.IdempotencyKey })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var heldIds = holders.Select(h => h.Id).ToHashSet();
        var heldKeys = holders.Select(h => h.IdempotencyKey).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var i in failed)
        {
            var invitation = batch[i].Invitation;
            StoreWriteStatus status;
            if (heldIds.Contains(invitation.Id.Value))
            {
                status = StoreWriteStatus.DuplicateId;
            }
            else if (invitation.IdempotencyKey is { } key && heldKeys.Contains(key))
            {
                status = StoreWriteStatus.DuplicateIdempotencyKey;
            }
            else if (RowMapper.IsPending(invitation.State))
            {
                // Held, or held when the insert ran: under READ COMMITTED a concurrent accept, revoke or expiry may
                // release the recipient key between the insert and this read. Either way the caller looks the pending
                // invitation up and, finding none, creates again (found by the linearizability test on PostgreSQL).
                status = StoreWriteStatus.DuplicatePending;
            }
            else
            {
                // Only the token hash is left: 256 random bits do not collide, so this is a bug, not a conflict.
                throw new InvalidOperationException($"The invitation {invitation.Id} could not be saved: it collided on no key the store reports.");
            }

            results[i] = new LeasedWriteResult(status, []);
        }
    }

    /// <summary>A statement of a write that must not fail: a failure other than contention is a bug, reported with its cause.</summary>
    private static async Task ExecuteAsync(TContext context, StoreProvider provider, string sql, DbParameter[] parameters, CancellationToken cancellationToken)
    {
        try
        {
            await StoreStatements.ExecuteAsync(context, sql, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (!provider.IsTransient(ex))
        {
            throw new InvalidOperationException("The outbox items could not be saved; nothing of the write was kept.", ex);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction of its own that commits when it returns, unless
    /// <paramref name="commit"/> says its result wrote nothing to keep (the host's ambient transaction instead, when there
    /// is one: the host commits). A failure or cancellation rolls it all back.
    /// </summary>
    private static async Task<T> InTransactionAsync<T>(TContext context, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken, Func<T, bool>? commit = null)
    {
        if (System.Transactions.Transaction.Current is not null || context.Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken).ConfigureAwait(false);
        }

        return await context.Database.CreateExecutionStrategy().ExecuteAsync(
            async ct =>
            {
                var transaction = await context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    // A retrying execution strategy runs this again on the same context: start from nothing tracked.
                    context.ChangeTracker.Clear();
                    var result = await work(ct).ConfigureAwait(false);
                    if (commit?.Invoke(result) ?? true)
                    {
                        await transaction.CommitAsync(ct).ConfigureAwait(false);
                    }

                    return result;
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The items as stored: pending, and with a lease the first item of each (kind, lane) queue (by sequence) leased to it, unless
    /// <paramref name="leaseNone"/> (an earlier item of the invitation is still pending). Returns them and the leased ones
    /// in (kind, lane, sequence) order.
    /// </summary>
    private static (List<OutboxItem> Stored, List<OutboxItem> Leased) StageOutbox(IReadOnlyList<OutboxItem> outbox, OutboxLease? lease, bool leaseNone)
    {
        var stored = new List<OutboxItem>(outbox.Count);
        var leased = new List<OutboxItem>(lease is null || leaseNone ? 0 : outbox.Count);
        foreach (var item in outbox)
        {
            var head = lease is not null && !leaseNone && !outbox.Any(o => o.Kind == item.Kind && o.Lane == item.Lane && o.Sequence < item.Sequence);
            var row = head
                ? item with { Status = OutboxItemStatus.Pending, LeaseOwner = lease!.Owner, LeaseExpiresAt = lease.ExpiresAt }
                : item with { Status = OutboxItemStatus.Pending, LeaseOwner = null, LeaseExpiresAt = null };
            stored.Add(row);
            if (head)
            {
                leased.Add(row);
            }
        }

        leased.Sort(static (a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind)
            : !string.Equals(a.Lane, b.Lane, StringComparison.Ordinal) ? string.CompareOrdinal(a.Lane, b.Lane)
            : a.Sequence.CompareTo(b.Sequence));
        return (stored, leased);
    }
}
