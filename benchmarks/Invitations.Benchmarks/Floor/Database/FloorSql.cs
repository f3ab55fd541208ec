using System.Data;
using System.Text;

namespace Invitations.Benchmarks.Floor.Database;

/// <summary>
/// The statements of the database floor, written by hand against the library's own tables (created by
/// <c>EnsureInvitationsSchemaAsync</c>): every column of <c>invitations</c> and <c>invitation_outbox</c> as the EF
/// store maps them, multi-row inserts for a batch, the conditional accept that decides a race, and the completion.
/// Provider-neutral: SQLite and PostgreSQL both take <c>@name</c> parameters, multi-row <c>VALUES</c> and <c>RETURNING</c>.
/// </summary>
public static class FloorSql
{
    /// <summary>The columns of <c>invitations</c>, in the order a row's values are given.</summary>
    public static readonly (string Name, DbType Type)[] InvitationColumns =
    [
        ("id", DbType.Guid), ("version", DbType.Int64), ("state", DbType.Int32), ("channel", DbType.Int32),
        ("email", DbType.String), ("mobile_number", DbType.String), ("delivery_address", DbType.String),
        ("recipient_key", DbType.String), ("pending_recipient_key", DbType.String), ("given_name", DbType.String),
        ("family_name", DbType.String), ("groups", DbType.String), ("roles", DbType.String), ("custom_fields", DbType.String),
        ("organization_id", DbType.String), ("invited_by_id", DbType.String), ("invited_by_name", DbType.String),
        ("client_id", DbType.String), ("redirect_link", DbType.String), ("link_target", DbType.String),
        ("template_key", DbType.String), ("locale", DbType.String), ("time_zone", DbType.String),
        ("allow_same_email_only", DbType.Boolean), ("branding", DbType.String), ("token_hash", DbType.Binary),
        ("created_at", DbType.Int64), ("updated_at", DbType.Int64), ("expires_at", DbType.Int64),
        ("send_count", DbType.Int32), ("resend_count", DbType.Int32), ("last_sent_at", DbType.Int64),
        ("closed_at", DbType.Int64), ("accepted_subject_id", DbType.String), ("idempotency_key", DbType.String),
        ("idempotency_fingerprint", DbType.String), ("fact_sequence", DbType.Int64),
        ("reminder_count", DbType.Int32), ("has_existing_account", DbType.Boolean),
    ];

    /// <summary>The columns of <c>invitation_outbox</c>, in the order a row's values are given.</summary>
    public static readonly (string Name, DbType Type)[] OutboxColumns =
    [
        ("id", DbType.Guid), ("invitation_id", DbType.Guid), ("kind", DbType.Int32), ("sequence", DbType.Int64),
        ("payload", DbType.String), ("status", DbType.Int32), ("created_at", DbType.Int64), ("due_at", DbType.Int64),
        ("attempts", DbType.Int32), ("lease_owner", DbType.String), ("lease_expires_at", DbType.Int64),
        ("last_error", DbType.String), ("completed_at", DbType.Int64),
    ];

    /// <summary>The columns the accept returns: what its <c>INVITE_ACCEPTED</c> fact needs, read back by the same statement.</summary>
    public const string AcceptReturning = "id, version, fact_sequence, email, given_name, family_name, groups, roles, custom_fields, invited_by_id, created_at, updated_at, expires_at";

    /// <summary>
    /// The accept: one conditional UPDATE of the pending, unexpired invitation with this token digest. It wins
    /// (one row, returned) or loses (none) the race in the database: a concurrent accept waits on the row lock
    /// (PostgreSQL) or the write lock (SQLite) and then finds it no longer pending. Parameters: <c>@now</c>,
    /// <c>@sub</c>, <c>@hash</c>.
    /// </summary>
    public const string Accept =
        "UPDATE invitations SET state = 2, version = version + 1, pending_recipient_key = NULL, updated_at = @now, closed_at = @now, " +
        "accepted_subject_id = @sub, fact_sequence = fact_sequence + 1 " +
        "WHERE token_hash = @hash AND state IN (0, 1) AND expires_at > @now RETURNING " + AcceptReturning;

    /// <summary>
    /// Completes the delivered items leased to <c>@owner</c>: delivered, the message body dropped (it holds the
    /// link), as the library's one-statement completion does.
    /// </summary>
    public static string Complete(int ids) =>
        "UPDATE invitation_outbox SET status = 1, completed_at = @now, lease_expires_at = NULL, " +
        "payload = CASE WHEN kind = 1 THEN NULL ELSE payload END " +
        "WHERE id IN (" + string.Join(", ", Enumerable.Range(0, ids).Select(i => "@id" + i)) + ") AND lease_owner = @owner AND status = 0";

    /// <summary>Completes every pending item leased to <c>@owner</c> (a batch leases its rows to an owner of its own).</summary>
    public const string CompleteOwner =
        "UPDATE invitation_outbox SET status = 1, completed_at = @now, lease_expires_at = NULL, " +
        "payload = CASE WHEN kind = 1 THEN NULL ELSE payload END " +
        "WHERE status = 0 AND lease_owner = @owner";

    /// <summary>A multi-row INSERT of <paramref name="rows"/> rows; parameter <c>@r{row}_{column}</c>.</summary>
    public static string Insert(string table, (string Name, DbType Type)[] columns, int rows)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" (")
            .AppendJoin(", ", columns.Select(c => c.Name)).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                sql.Append(c == 0 ? "" : ", ").Append("@r").Append(r).Append('_').Append(c);
            }

            sql.Append(')');
        }

        return sql.ToString();
    }
}
