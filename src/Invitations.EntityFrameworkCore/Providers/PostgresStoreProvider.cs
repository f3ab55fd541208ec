using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

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

    public override UniqueViolation ClassifyUniqueViolation(DbUpdateException exception)
    {
        var db = FindDbException(exception);
        if (db is null || db.SqlState != "23505")
        {
            return UniqueViolation.None;
        }

        var constraint = db.GetType().GetProperty("ConstraintName")?.GetValue(db) as string;
        return FromIndexName(constraint);
    }

    public override bool IsTransient(Exception exception)
    {
        var db = FindDbException(exception);
        return db?.SqlState is "40001" or "40P01";
    }

    public override async Task<List<OutboxRow>> ClaimAsync(DbContext context, OutboxClaim claim, CancellationToken cancellationToken)
    {
        var entity = context.Model.FindEntityType(typeof(OutboxRow))
            ?? throw new InvalidOperationException("The context's model has no invitation outbox; call modelBuilder.ApplyInvitationsModel().");
        var sql = context.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var storeObject = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string C(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(storeObject)!);

        var id = C(nameof(OutboxRow.Id));
        var invitation = C(nameof(OutboxRow.InvitationId));
        var kind = C(nameof(OutboxRow.Kind));
        var sequence = C(nameof(OutboxRow.Sequence));
        var status = C(nameof(OutboxRow.Status));
        var dueAt = C(nameof(OutboxRow.DueAt));
        var leaseOwner = C(nameof(OutboxRow.LeaseOwner));
        var leaseExpires = C(nameof(OutboxRow.LeaseExpiresAt));

        var now = claim.Now.ToUnixTimeTicks();
        var expires = (claim.Now + claim.LeaseDuration).ToUnixTimeTicks();
        var parameters = new List<object> { claim.Owner, expires, now, claim.MaxItems };
        var invitationFilter = "";
        if (claim.InvitationId is { } invitationId)
        {
            parameters.Add(invitationId.Value);
            invitationFilter = $" AND c.{invitation} = {{4}}";
        }

        var pending = (int)OutboxItemStatus.Pending;
#pragma warning disable EF1002 // Only identifiers from the model are interpolated; values are parameters.
        var query = $$"""
            WITH picked AS MATERIALIZED (
                SELECT c.{{id}} AS picked_id FROM {{table}} AS c
                WHERE c.{{status}} = {{pending}} AND c.{{dueAt}} <= {2}
                  AND (c.{{leaseExpires}} IS NULL OR c.{{leaseExpires}} <= {2}){{invitationFilter}}
                  AND NOT EXISTS (
                      SELECT 1 FROM {{table}} AS p
                      WHERE p.{{invitation}} = c.{{invitation}} AND p.{{kind}} = c.{{kind}}
                        AND p.{{status}} = {{pending}} AND p.{{sequence}} < c.{{sequence}})
                ORDER BY c.{{dueAt}}, c.{{invitation}}, c.{{kind}}, c.{{sequence}}
                LIMIT {3}
                FOR UPDATE OF c SKIP LOCKED)
            UPDATE {{table}} AS o SET {{leaseOwner}} = {0}, {{leaseExpires}} = {1}
            FROM picked
            WHERE o.{{id}} = picked.picked_id
              AND o.{{status}} = {{pending}} AND (o.{{leaseExpires}} IS NULL OR o.{{leaseExpires}} <= {2})
            RETURNING o.*
            """;
        return await context.Set<OutboxRow>().FromSqlRaw(query, [.. parameters])
            .AsNoTracking()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1002
    }
}
