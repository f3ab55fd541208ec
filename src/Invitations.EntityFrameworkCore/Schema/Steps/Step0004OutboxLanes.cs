using Invitations.Validation;

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
        if (!target.IsPostgres && !target.IsSqlite)
        {
            return 0;
        }

        var table = target.Table(InvitationsModelBuilderExtensions.OutboxTable);
        await target.AddColumnIfMissingAsync(
            InvitationsModelBuilderExtensions.OutboxTable, OutboxColumns.Lane,
            $"varchar({FieldLimits.Lane}) NOT NULL DEFAULT ''", "TEXT NOT NULL DEFAULT ''", cancellationToken).ConfigureAwait(false);
        await target.ExecuteAsync(
            $"""
            DROP INDEX IF EXISTS {target.Table(OldIndex)};
            CREATE UNIQUE INDEX IF NOT EXISTS {target.Sql.DelimitIdentifier(IndexNames.OutboxSequence)} ON {table} ("invitation_id", "kind", "{OutboxColumns.Lane}", "sequence");
            """,
            cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
