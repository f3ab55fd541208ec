using System.Data.Common;
using Invitations.EntityFrameworkCore.Providers;
using Microsoft.EntityFrameworkCore;

namespace Invitations.EntityFrameworkCore;

/// <summary>
/// The one-statement version-guarded update of SQLite and PostgreSQL: <c>UPDATE invitations SET every column WHERE id
/// AND version RETURNING (pending outbox count)</c> decides the race (no row: the caller lost), locks the row, writes the
/// change and counts what the lease needs, all at once; the outbox items follow as one multi-row INSERT.
/// </summary>
public sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    /// <summary>The update as one UPDATE and one INSERT in one transaction (see the file's summary).</summary>
    private Task<LeasedWriteResult> UpdateReturningAsync(
        TContext context, StoreProvider provider, InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, OutboxLease? lease, CancellationToken cancellationToken) =>
        InTransactionAsync(
            context,
            async ct =>
            {
                var o = OutboxSql.For(context);
                var pending = (int)OutboxItemStatus.Pending;
                var (sql, parameters) = RowSql<InvitationRow>.For(context).UpdateWhere(
                    context, RowMapper.ToRow(invitation), nameof(InvitationRow.Version), expectedVersion,
                    key => $" RETURNING (SELECT COUNT(*) FROM {o.Table} AS p WHERE p.{o.InvitationId} = {key} AND p.{o.Status} = {pending}) AS {o.Value}");
                List<long> counted;
                try
                {
                    counted = await StoreStatements.QueryAsync<long>(context, sql, parameters, ct).ConfigureAwait(false);
                }
                catch (DbException ex) when (!provider.IsTransient(ex))
                {
                    return provider.ClassifyUniqueViolation(ex) switch
                    {
                        UniqueViolation.PendingRecipientKey => new LeasedWriteResult(StoreWriteStatus.DuplicatePending, []),
                        UniqueViolation.IdempotencyKey => new LeasedWriteResult(StoreWriteStatus.DuplicateIdempotencyKey, []),
                        _ => throw new InvalidOperationException("The invitation could not be saved.", ex),
                    };
                }

                if (counted.Count != 1)
                {
                    return Conflict;
                }

                var (stored, leased) = StageOutbox(outbox, lease, leaseNone: counted[0] != 0);
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
