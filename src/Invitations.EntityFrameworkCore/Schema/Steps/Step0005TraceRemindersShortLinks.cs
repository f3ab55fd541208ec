namespace Invitations.EntityFrameworkCore.Schema.Steps;

/// <summary>
/// The columns and table of this round's features: <c>invitation_outbox.trace_parent</c> (the W3C trace context a
/// background delivery continues), <c>invitations.reminder_count</c> and <c>invitations.has_existing_account</c>
/// (reminders before expiry; sign-in links for registered users), and the built-in shortener's
/// <c>invitation_short_links</c>.
/// </summary>
internal static class Step0005TraceRemindersShortLinks
{
    public static SchemaStep Step { get; } = new(5, "add trace_parent, reminder_count, has_existing_account; create invitation_short_links", ApplyAsync);

    private static async Task<int> ApplyAsync(SchemaTarget target, CancellationToken cancellationToken)
    {
        if (!target.IsPostgres && !target.IsSqlite)
        {
            return 0;
        }

        await target.AddColumnIfMissingAsync(
            InvitationsModelBuilderExtensions.OutboxTable, OutboxColumns.TraceParent,
            $"varchar({OutboxColumns.TraceParentLength}) NULL", "TEXT NULL", cancellationToken).ConfigureAwait(false);
        await target.AddColumnIfMissingAsync(
            InvitationsModelBuilderExtensions.InvitationsTable, "reminder_count", "integer NOT NULL DEFAULT 0", "INTEGER NOT NULL DEFAULT 0", cancellationToken).ConfigureAwait(false);
        await target.AddColumnIfMissingAsync(
            InvitationsModelBuilderExtensions.InvitationsTable, "has_existing_account", "boolean NOT NULL DEFAULT false", "INTEGER NOT NULL DEFAULT 0", cancellationToken).ConfigureAwait(false);

        if (target.IsPostgres)
        {
            // The default only fills the existing rows; the model has none (a new database's columns have none either).
            var invitations = target.Table(InvitationsModelBuilderExtensions.InvitationsTable);
            await target.ExecuteAsync(
                $"ALTER TABLE {invitations} ALTER COLUMN reminder_count DROP DEFAULT, ALTER COLUMN has_existing_account DROP DEFAULT",
                cancellationToken).ConfigureAwait(false);
        }

        var table = target.Table(InvitationsModelBuilderExtensions.ShortLinksTable);
        var ddl = target.IsPostgres
            ? $"""
                CREATE TABLE IF NOT EXISTS {table} (
                    code_hash bytea NOT NULL, invitation_id uuid NOT NULL, sealed_token bytea NOT NULL,
                    created_at bigint NOT NULL, expires_at bigint NOT NULL,
                    CONSTRAINT pk_invitation_short_links PRIMARY KEY (code_hash));
                CREATE INDEX IF NOT EXISTS ix_invitation_short_links_invitation_id ON {table} (invitation_id);
                CREATE INDEX IF NOT EXISTS ix_invitation_short_links_expires_at ON {table} (expires_at);
                """
            : $"""
                CREATE TABLE IF NOT EXISTS {table} (
                    "code_hash" BLOB NOT NULL CONSTRAINT "pk_invitation_short_links" PRIMARY KEY, "invitation_id" TEXT NOT NULL,
                    "sealed_token" BLOB NOT NULL, "created_at" INTEGER NOT NULL, "expires_at" INTEGER NOT NULL);
                CREATE INDEX IF NOT EXISTS "ix_invitation_short_links_invitation_id" ON {table} ("invitation_id");
                CREATE INDEX IF NOT EXISTS "ix_invitation_short_links_expires_at" ON {table} ("expires_at");
                """;
        await target.ExecuteAsync(ddl, cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
