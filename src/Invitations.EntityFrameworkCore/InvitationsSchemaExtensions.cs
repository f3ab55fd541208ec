using Invitations.EntityFrameworkCore.Providers;
using Invitations.EntityFrameworkCore.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Invitations.EntityFrameworkCore;

/// <summary>Creates the invitation tables without migrations (tests, samples, embedded SQLite) and upgrades them in place.</summary>
public static class InvitationsSchemaExtensions
{
    /// <summary>
    /// Creates the database and all tables of the context's model when the database does not exist yet
    /// (<see cref="DatabaseFacade.EnsureCreatedAsync(CancellationToken)"/>) and records it at the current schema version,
    /// or, for a database that existed, upgrades it (<see cref="UpgradeInvitationsSchemaAsync"/>). On SQLite it switches
    /// the file to write-ahead logging so readers never block the writer. Hosts that use migrations do not call it.
    /// </summary>
    /// <param name="database">The context's database facade.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when the schema was created.</returns>
    public static async Task<bool> EnsureInvitationsSchemaAsync(this DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var created = await database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (database.ProviderName == StoreProvider.SqliteProviderName)
        {
            await database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        var context = database.GetService<ICurrentDbContext>().Context;
        if (created)
        {
            await SchemaUpgrader.MarkAllAppliedAsync(context, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await SchemaUpgrader.UpgradeAsync(context, cancellationToken).ConfigureAwait(false);
        }

        return created;
    }

    /// <summary>
    /// Brings an existing database up to this version on SQLite and PostgreSQL: applies, in order, each schema step the
    /// database has not had (recorded in the table <c>invitations_schema_version</c>), each once, in its own transaction.
    /// Idempotent and safe when several instances start at once (a PostgreSQL advisory lock; SQLite's
    /// <c>BEGIN IMMEDIATE</c>), so it may run at every start. A database written before versioning (0.1.0 and later)
    /// has no version rows and gets every step; the steps are written to be harmless where their change is already
    /// there. The steps: 1 widens <c>invited_by_id</c> and <c>idempotency_key</c> on PostgreSQL; 2 rewrites recipient
    /// keys stored in the old <c>{org}|{channel}|{address}</c> form, which could collide across organizations; 3 creates
    /// <c>invitation_bulk_runs</c>; 4 adds the outbox's <c>lane</c> column and its queue index. Run it before the application serves requests: until a pending invitation's key is
    /// rewritten, a new invitation of the same recipient does not find it. Hosts that use migrations run it once after
    /// migrating. Other providers: only the recipient-key rewrite runs (use your migrations for the rest).
    /// </summary>
    /// <param name="database">The context's database facade.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of recipient keys rewritten.</returns>
    public static Task<int> UpgradeInvitationsSchemaAsync(this DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return SchemaUpgrader.UpgradeAsync(database.GetService<ICurrentDbContext>().Context, cancellationToken);
    }
}
