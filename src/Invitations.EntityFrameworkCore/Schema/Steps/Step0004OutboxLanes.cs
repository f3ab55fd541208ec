using Invitations.Validation;
using Microsoft.EntityFrameworkCore;

namespace Invitations.EntityFrameworkCore.Schema.Steps;

/// <summary>
/// The outbox's receiver lanes: column <c>lane</c> (empty for the single-receiver queue) and the unique queue index
/// over (invitation, kind, lane, sequence) in place of (invitation, kind, sequence).
/// </summary>
internal static class Step0004OutboxLanes
{
    private const string OldIndex = "ix_invitation_outbox_invitation_kind_sequence";

    public static SchemaStep Step { get; } = new(4, "add invitation_outbox.lane; queue index per lane", ApplyAsync);

    private static async Task<int> ApplyAsync(SchemaTarget target, CancellationToken cancellationToken)
    {
        var table = target.Table(InvitationsModelBuilderExtensions.OutboxTable);
        if (target.IsPostgres)
        {
            await target.ExecuteAsync(
                $"""
                ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {OutboxColumns.Lane} varchar({FieldLimits.Lane}) NOT NULL DEFAULT '';
                DROP INDEX IF EXISTS {target.Table(OldIndex)};
                CREATE UNIQUE INDEX IF NOT EXISTS {IndexNames.OutboxSequence} ON {table} (invitation_id, kind, {OutboxColumns.Lane}, sequence);
                """,
                cancellationToken).ConfigureAwait(false);
            return 0;
        }

        if (!target.IsSqlite)
        {
            return 0;
        }

        // SQLite has no ADD COLUMN IF NOT EXISTS: look at the table first.
        var columns = await target.Context.Database
            .SqlQueryRaw<string>($"SELECT name AS \"Value\" FROM pragma_table_info('{InvitationsModelBuilderExtensions.OutboxTable}')")
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (!columns.Contains(OutboxColumns.Lane))
        {
            await target.ExecuteAsync($"ALTER TABLE {table} ADD COLUMN \"{OutboxColumns.Lane}\" TEXT NOT NULL DEFAULT ''", cancellationToken).ConfigureAwait(false);
        }

        await target.ExecuteAsync(
            $"""
            DROP INDEX IF EXISTS "{OldIndex}";
            CREATE UNIQUE INDEX IF NOT EXISTS "{IndexNames.OutboxSequence}" ON {table} ("invitation_id", "kind", "{OutboxColumns.Lane}", "sequence");
            """,
            cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
