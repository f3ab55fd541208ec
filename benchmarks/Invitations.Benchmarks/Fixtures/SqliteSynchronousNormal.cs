using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Invitations.Benchmarks.Fixtures;

/// <summary>
/// What docs/packages/entityframeworkcore.md tells a host to do for relaxed SQLite commits: <c>PRAGMA synchronous =
/// NORMAL</c> from a connection interceptor's <c>ConnectionOpened</c> (the file is in WAL mode already). Run once per
/// native connection: EF Core opens a pooled connection for every operation, and the setting lives as long as the
/// native handle, so a pragma per open would only add a statement to every operation.
/// </summary>
public sealed class SqliteSynchronousNormal : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<object, object> _done = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite && _done.TryAdd(handle, handle))
        {
            using var pragma = sqlite.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = NORMAL";
            pragma.ExecuteNonQuery();
        }
    }
}
