using System.Data.Common;
using Invitations.EntityFrameworkCore.Providers;
using Microsoft.EntityFrameworkCore;

namespace Invitations.EntityFrameworkCore;

/// <summary>
/// The one-statement version-guarded update of SQLite and PostgreSQL: <c>UPDATE invitations SET every column WHERE id
/// AND version RETURNING (pending outbox count)</c> decides the race (no row: the caller lost), locks the row, writes the
/// change and counts what the lease needs, all at once; the outbox items follow as one multi-row INSERT (SQLite, in one
/// transaction) or join the UPDATE in one statement (PostgreSQL).
/// </summary>
public sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    /// <summary>The update as one UPDATE and one INSERT in one transaction (see the file's summary), or one statement on PostgreSQL.</summary>
    private Task<LeasedWriteResult> UpdateReturningAsync(
        TContext context, StoreProvider provider, InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, OutboxLease? lease, CancellationToken cancellationToken)
    {
        // The row as this store last read it at the expected version, if it did: the update then writes only what changed.
        var before = _recent.Take(context.Model, invitation.Id.Value, expectedVersion);
        return provider.WritesInOneStatement && outbox.Count > 0 && FitsOneStatement(context, 1, outbox.Count)
            ? UpdateInOneStatementAsync(context, provider, invitation, expectedVersion, before, outbox, lease, cancellationToken)
            : InTransactionAsync(
            context,
            async ct =>
            {
                var (sql, parameters) = GuardedUpdate(context, invitation, expectedVersion, before);
                if (await GuardedAsync(context, provider, sql, parameters, ct).ConfigureAwait(false) is not { } guard)
                {
                    return Conflict;
                }

                if (guard.Refused is { } refused)
                {
                    return refused;
                }

                var (stored, leased) = StageOutbox(outbox, lease, leaseNone: guard.Pending != 0);
                if (stored.Count > 0)
                {
                    var rows = stored.ConvertAll(item => RowMapper.ToRow(item, _protector));
                    var (insert, values) = RowSql<OutboxRow>.For(context).Insert(context, rows);
                    await ExecuteAsync(context, provider, insert, values, ct).ConfigureAwait(false);
                }

                return leased.Count == 0 ? Unleased : new LeasedWriteResult(StoreWriteStatus.Saved, leased);
            },
            cancellationToken,
            commit: static result => result.Status == StoreWriteStatus.Saved);
    }

    /// <summary>
    /// On PostgreSQL: <c>WITH u AS (the guarded UPDATE RETURNING the pending count), o AS (INSERT INTO invitation_outbox
    /// ... SELECT ... FROM (VALUES ...) AS v CROSS JOIN u) SELECT the count FROM u</c>. The items go in only if the guard
    /// matched (no row in <c>u</c>: nothing written, the caller lost), and leased only if nothing earlier was pending
    /// (the lease columns are <c>CASE WHEN count = 0</c>). One atomic statement, one round trip, no transaction.
    /// </summary>
    private async Task<LeasedWriteResult> UpdateInOneStatementAsync(
        TContext context, StoreProvider provider, InvitationData invitation, long expectedVersion, InvitationRow? before, IReadOnlyList<OutboxItem> outbox, OutboxLease? lease, CancellationToken cancellationToken)
    {
        var o = OutboxSql.For(context);
        var (update, parameters) = GuardedUpdate(context, invitation, expectedVersion, before);
        var (stored, leased) = StageOutbox(outbox, lease, leaseNone: false);
        var (insert, values) = RowSql<OutboxRow>.For(context).InsertFromValues(
            context,
            stored.ConvertAll(item => RowMapper.ToRow(item, _protector)),
            parameters.Length,
            column => column == o.LeaseOwner || column == o.LeaseExpiresAt ? $"CASE WHEN u.{o.Value} = 0 THEN v.{column} END" : null,
            "CROSS JOIN u");
        var sql = $"WITH u AS ({update}), o AS ({insert}) SELECT {o.Value} FROM u";
        var guard = await GuardedAsync(context, provider, sql, [.. parameters, .. values], cancellationToken).ConfigureAwait(false);
        return guard is null ? Conflict
            : guard.Refused ?? (guard.Pending != 0 || leased.Count == 0 ? Unleased : new LeasedWriteResult(StoreWriteStatus.Saved, leased));
    }

    /// <summary>
    /// <c>UPDATE invitations SET ... WHERE id AND version RETURNING (the invitation's pending outbox count)</c>: every
    /// column, or only those that differ from <paramref name="before"/> (the row read at the expected version).
    /// </summary>
    private static (string Sql, DbParameter[] Parameters) GuardedUpdate(TContext context, InvitationData invitation, long expectedVersion, InvitationRow? before)
    {
        var o = OutboxSql.For(context);
        var pending = (int)OutboxItemStatus.Pending;
        var rows = RowSql<InvitationRow>.For(context);
        Func<string, string> returning = key => $" RETURNING (SELECT COUNT(*) FROM {o.Table} AS p WHERE p.{o.InvitationId} = {key} AND p.{o.Status} = {pending}) AS {o.Value}";
        var row = RowMapper.ToRow(invitation);
        return before is null
            ? rows.UpdateWhere(context, row, nameof(InvitationRow.Version), expectedVersion, returning)
            : rows.UpdateChangedWhere(context, row, before, WrittenTogether, nameof(InvitationRow.Version), expectedVersion, returning);
    }

    /// <summary>
    /// The recipient key and the pending key go in together: the schema step that rewrites 0.1.0 keys changes both
    /// without raising the version, and an update from a read before it must not write one old key beside a new one.
    /// </summary>
    private static readonly string[] WrittenTogether = [nameof(InvitationRow.RecipientKey), nameof(InvitationRow.PendingRecipientKey)];

    /// <summary>
    /// Runs a guarded update: null when the guard matched no row (a lost race); else the pending count it returned, or
    /// the refusal a unique violation means (another pending invitation of the recipient, the idempotency key of another).
    /// </summary>
    private static async Task<GuardOutcome?> GuardedAsync(TContext context, StoreProvider provider, string sql, DbParameter[] parameters, CancellationToken cancellationToken)
    {
        List<long> counted;
        try
        {
            counted = await StoreStatements.QueryAsync<long>(context, sql, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (!provider.IsTransient(ex) && (ex.SqlState is not null || !provider.WritesInOneStatement))
        {
            // A one-statement write whose connection broke (no SQLSTATE) has an unknown outcome: it goes up as it is.
            return provider.ClassifyUniqueViolation(ex) switch
            {
                UniqueViolation.PendingRecipientKey => new GuardOutcome(0, new LeasedWriteResult(StoreWriteStatus.DuplicatePending, [])),
                UniqueViolation.IdempotencyKey => new GuardOutcome(0, new LeasedWriteResult(StoreWriteStatus.DuplicateIdempotencyKey, [])),
                _ => throw new InvalidOperationException("The invitation could not be saved.", ex),
            };
        }

        return counted.Count == 1 ? new GuardOutcome(counted[0], null) : null;
    }

    /// <summary>What a guarded update that matched returned: the invitation's pending count, or a refusal.</summary>
    private sealed record GuardOutcome(long Pending, LeasedWriteResult? Refused);
}
