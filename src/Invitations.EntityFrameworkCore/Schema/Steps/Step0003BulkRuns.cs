namespace Invitations.EntityFrameworkCore.Schema.Steps;

/// <summary>The table of bulk runs (<see cref="IBulkRunStore"/>), so every app instance reads a run's state.</summary>
internal static class Step0003BulkRuns
{
    public static SchemaStep Step { get; } = new(3, "create invitation_bulk_runs", ApplyAsync);

    private static async Task<int> ApplyAsync(SchemaTarget target, CancellationToken cancellationToken)
    {
        var table = target.Table(InvitationsModelBuilderExtensions.BulkRunsTable);
        string ddl;
        if (target.IsPostgres)
        {
            ddl = $"""
                CREATE TABLE IF NOT EXISTS {table} (
                    id varchar({BulkRunModel.MaxIdLength}) NOT NULL, owner varchar({BulkRunModel.MaxOwnerLength}) NOT NULL,
                    launched_at bigint NOT NULL, lease_expires_at bigint NOT NULL, total bigint NULL,
                    done bigint NOT NULL, invited bigint NOT NULL, skipped bigint NOT NULL, failed bigint NOT NULL,
                    messages text NOT NULL, cancel_requested boolean NOT NULL, completed_at bigint NULL,
                    completion_status integer NULL, lease_lapsed boolean NOT NULL,
                    CONSTRAINT pk_invitation_bulk_runs PRIMARY KEY (id));
                CREATE INDEX IF NOT EXISTS ix_invitation_bulk_runs_status_lease ON {table} (completion_status, lease_expires_at);
                """;
        }
        else if (target.IsSqlite)
        {
            ddl = $"""
                CREATE TABLE IF NOT EXISTS {table} (
                    "id" TEXT NOT NULL CONSTRAINT "pk_invitation_bulk_runs" PRIMARY KEY, "owner" TEXT NOT NULL,
                    "launched_at" INTEGER NOT NULL, "lease_expires_at" INTEGER NOT NULL, "total" INTEGER NULL,
                    "done" INTEGER NOT NULL, "invited" INTEGER NOT NULL, "skipped" INTEGER NOT NULL, "failed" INTEGER NOT NULL,
                    "messages" TEXT NOT NULL, "cancel_requested" INTEGER NOT NULL, "completed_at" INTEGER NULL,
                    "completion_status" INTEGER NULL, "lease_lapsed" INTEGER NOT NULL);
                CREATE INDEX IF NOT EXISTS "ix_invitation_bulk_runs_status_lease" ON {table} ("completion_status", "lease_expires_at");
                """;
        }
        else
        {
            return 0;
        }

        await target.ExecuteAsync(ddl, cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
