using Invitations.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Invitations.EntityFrameworkCore.Schema.Steps;

/// <summary>
/// 0.1.0 made <c>invited_by_id</c> varchar(200) and <c>idempotency_key</c> varchar(500), narrower than the validator's
/// limits: widened on PostgreSQL (a catalog-only change for varchar); SQLite does not enforce lengths.
/// </summary>
internal static class Step0001WidenColumns
{
    public static SchemaStep Step { get; } = new(1, "widen invited_by_id and idempotency_key to the validator's limits", ApplyAsync);

    private static async Task<int> ApplyAsync(SchemaTarget target, CancellationToken cancellationToken)
    {
        if (!target.IsPostgres)
        {
            return 0;
        }

        var entity = target.Context.Model.FindEntityType(typeof(InvitationRow))!;
        var table = entity.GetTableName()!;
        var storeObject = StoreObjectIdentifier.Table(table, target.Schema);
        foreach (var (property, width) in new[] { (nameof(InvitationRow.InvitedById), FieldLimits.ActorId), (nameof(InvitationRow.IdempotencyKey), FieldLimits.StoredIdempotencyKey) })
        {
            var column = entity.FindProperty(property)!.GetColumnName(storeObject)!;
            var current = await target.Context.Database
                .SqlQueryRaw<int?>(
                    "SELECT character_maximum_length AS \"Value\" FROM information_schema.columns WHERE table_schema = COALESCE(NULLIF({0}, ''), current_schema()) AND table_name = {1} AND column_name = {2}",
                    target.Schema ?? "", table, column)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (current is [{ } length] && length < width)
            {
                await target.ExecuteAsync($"ALTER TABLE {target.Table(table)} ALTER COLUMN {target.Sql.DelimitIdentifier(column)} TYPE varchar({width})", cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        return 0;
    }
}
