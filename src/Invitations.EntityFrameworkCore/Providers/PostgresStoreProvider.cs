using Microsoft.EntityFrameworkCore;

namespace Invitations.EntityFrameworkCore.Providers;

/// <summary>
/// PostgreSQL through Npgsql: the claim is one statement,
/// <c>WITH picked AS MATERIALIZED (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED) UPDATE outbox SET lease... FROM picked RETURNING *</c>,
/// so concurrent dispatchers skip each other's rows instead of waiting; unique violations are SQLSTATE
/// 23505 with the index name in <c>ConstraintName</c>.
/// </summary>
internal sealed class PostgresStoreProvider : StoreProvider
{
    public static readonly PostgresStoreProvider Instance = new();

    public override UniqueViolation ClassifyUniqueViolation(Exception exception)
    {
        var db = FindDbException(exception);
        if (db is null || db.SqlState != "23505")
        {
            return UniqueViolation.None;
        }

        var constraint = db.GetType().GetProperty("ConstraintName")?.GetValue(db) as string;
        return FromIndexName(constraint);
    }

    /// <inheritdoc />
    public override bool InsertsIgnoringConflicts => true;

    /// <inheritdoc />
    public override bool UpdatesReturning => true;

    /// <inheritdoc />
    public override bool RawLookups => true;

    /// <inheritdoc />
    public override bool WritesInOneStatement => true;

    /// <inheritdoc />
    public override bool PreparesStatements => true;

    public override bool IsTransient(Exception exception)
    {
        var db = FindDbException(exception);
        return db?.SqlState is "40001" or "40P01";
    }

    public override async Task<List<OutboxRow>> ClaimAsync(DbContext context, OutboxClaim claim, CancellationToken cancellationToken)
    {
        var o = OutboxSql.For(context);
        var parameters = ClaimParameters(claim, out var invitationFilter, o);
        var pending = (int)OutboxItemStatus.Pending;
#pragma warning disable EF1002 // Only identifiers from the model are interpolated; values are parameters.
        var query = $$"""
            WITH picked AS MATERIALIZED (
                SELECT c.{{o.Id}} AS picked_id FROM {{o.Table}} AS c
                WHERE c.{{o.Status}} = {{pending}} AND c.{{o.DueAt}} <= {2}
                  AND (c.{{o.LeaseExpiresAt}} IS NULL OR c.{{o.LeaseExpiresAt}} <= {2}){{invitationFilter}}
                  AND NOT EXISTS (
                      SELECT 1 FROM {{o.Table}} AS p
                      WHERE p.{{o.InvitationId}} = c.{{o.InvitationId}} AND p.{{o.Kind}} = c.{{o.Kind}} AND p.{{o.Lane}} = c.{{o.Lane}}
                        AND p.{{o.Status}} = {{pending}} AND p.{{o.Sequence}} < c.{{o.Sequence}})
                ORDER BY c.{{o.DueAt}}, c.{{o.InvitationId}}, c.{{o.Kind}}, c.{{o.Lane}}, c.{{o.Sequence}}
                LIMIT {3}
                FOR UPDATE OF c SKIP LOCKED)
            UPDATE {{o.Table}} AS o SET {{o.LeaseOwner}} = {0}, {{o.LeaseExpiresAt}} = {1}
            FROM picked
            WHERE o.{{o.Id}} = picked.picked_id
              AND o.{{o.Status}} = {{pending}} AND (o.{{o.LeaseExpiresAt}} IS NULL OR o.{{o.LeaseExpiresAt}} <= {2})
            RETURNING o.*
            """;
        return await context.Set<OutboxRow>().FromSqlRaw(query, parameters)
            .AsNoTracking()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1002
    }
}
