using Invitations.EntityFrameworkCore.Providers;
using Invitations.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invitations.EntityFrameworkCore;

/// <summary>Creates the invitation tables without migrations (tests, samples, embedded SQLite).</summary>
public static class InvitationsSchemaExtensions
{
    /// <summary>
    /// Creates the database and all tables of the context's model when the database does not exist yet
    /// (<see cref="DatabaseFacade.EnsureCreatedAsync(CancellationToken)"/>), and on SQLite switches the file to
    /// write-ahead logging so readers never block the writer. Hosts that use migrations do not call it.
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

        if (!created)
        {
            await database.UpgradeInvitationsSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        return created;
    }

    /// <summary>
    /// Brings an existing database up to this version; idempotent, so it may run at every start (and
    /// <see cref="EnsureInvitationsSchemaAsync"/> runs it on a database that already existed). It widens the columns
    /// that earlier versions made narrower than the validator's limits (PostgreSQL: <c>invited_by_id</c> to 256,
    /// <c>idempotency_key</c> to 512; SQLite does not enforce lengths; on other providers use your migrations), and
    /// rewrites recipient keys stored in the old <c>{org}|{channel}|{address}</c> form, which could collide across
    /// organizations, into the current form. Run it before the application serves requests: until a pending
    /// invitation's key is rewritten, a new invitation of the same recipient does not find it, and a second pending
    /// invitation can be created beside it. Hosts that use migrations run it once after migrating.
    /// </summary>
    /// <param name="database">The context's database facade.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of recipient keys rewritten.</returns>
    public static async Task<int> UpgradeInvitationsSchemaAsync(this DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var context = database.GetService<ICurrentDbContext>().Context;
        if (database.ProviderName == StoreProvider.NpgsqlProviderName)
        {
            await WidenPostgresColumnsAsync(context, cancellationToken).ConfigureAwait(false);
        }

        return await UpgradeRecipientKeysAsync(context, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> UpgradeRecipientKeysAsync(DbContext context, CancellationToken cancellationToken)
    {
        const int batch = 500;
        var set = context.Set<InvitationRow>();
        var total = 0;
        Guid? after = null;
        while (true)
        {
            // Keyset pagination by id: a row whose rewrite lost a race keeps its old key and is not re-read forever.
            var query = set.AsNoTracking().Where(r => EF.Functions.Like(r.RecipientKey, "%|%"));
            if (after is { } last)
            {
                query = query.Where(r => r.Id.CompareTo(last) > 0);
            }

            var rows = await query
                .OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.RecipientKey, r.PendingRecipientKey, r.OrganizationId })
                .Take(batch)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                var key = RecipientKeys.Upgrade(row.RecipientKey, row.OrganizationId);
                var pending = row.PendingRecipientKey is null ? null : key;
                var id = row.Id;
                var old = row.RecipientKey;

                // Conditional on the old key: a row the running application rewrote meanwhile is left as it is.
                total += await set
                    .Where(r => r.Id == id && r.RecipientKey == old)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.RecipientKey, key).SetProperty(r => r.PendingRecipientKey, r => r.PendingRecipientKey == null ? null : pending), cancellationToken)
                    .ConfigureAwait(false);
            }

            if (rows.Count < batch)
            {
                return total;
            }

            after = rows[^1].Id;
        }
    }

    /// <summary>Widens the PostgreSQL columns that earlier versions created narrower than <see cref="FieldLimits"/> (a catalog-only change for varchar).</summary>
    private static async Task WidenPostgresColumnsAsync(DbContext context, CancellationToken cancellationToken)
    {
        var entity = context.Model.FindEntityType(typeof(InvitationRow))
            ?? throw new InvalidOperationException("The context's model has no invitations table; call modelBuilder.ApplyInvitationsModel().");
        var table = entity.GetTableName()!;
        var schema = entity.GetSchema();
        var storeObject = StoreObjectIdentifier.Table(table, schema);
        var sql = context.GetService<ISqlGenerationHelper>();
        foreach (var (property, width) in new[] { (nameof(InvitationRow.InvitedById), FieldLimits.ActorId), (nameof(InvitationRow.IdempotencyKey), FieldLimits.StoredIdempotencyKey) })
        {
            var column = entity.FindProperty(property)!.GetColumnName(storeObject)!;
            var current = await context.Database
                .SqlQueryRaw<int?>(
                    "SELECT character_maximum_length AS \"Value\" FROM information_schema.columns WHERE table_schema = COALESCE(NULLIF({0}, ''), current_schema()) AND table_name = {1} AND column_name = {2}",
                    schema ?? "", table, column)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (current is [{ } length] && length < width)
            {
#pragma warning disable EF1002 // Only identifiers from the model and a constant width are interpolated.
                await context.Database.ExecuteSqlRawAsync(
                    $"ALTER TABLE {sql.DelimitIdentifier(table, schema)} ALTER COLUMN {sql.DelimitIdentifier(column)} TYPE varchar({width})",
                    cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1002
            }
        }
    }
}
