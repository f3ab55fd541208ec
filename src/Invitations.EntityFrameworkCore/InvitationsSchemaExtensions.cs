using Invitations.EntityFrameworkCore.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

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

        return created;
    }
}
