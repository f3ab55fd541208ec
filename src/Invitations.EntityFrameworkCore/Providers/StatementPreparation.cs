using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invitations.EntityFrameworkCore.Providers;

/// <summary>
/// Prepares the store's statements on PostgreSQL's pooled connections, still through EF Core's command pipeline (so the
/// host's interceptors, logging and diagnostics see every execution). Npgsql keeps a statement prepared on the server
/// connection after the pooled connection closes, and a later <c>Prepare</c> of the same SQL and parameter types on
/// that server connection finds it and sends nothing: the server then parses and plans each of the store's statements
/// once per server connection instead of on every call (<c>docs/performance.md</c>: about 40 % of the server's time per
/// invite and accept was parse and plan).
/// </summary>
/// <remarks>
/// EF Core creates its command before it executes it, with no asynchronous hook in between, and
/// <see cref="DbCommand.Prepare"/> is synchronous. So the statement is first prepared asynchronously on a command of
/// its own on the same open connection (<see cref="PrepareAsync"/>: a round trip only the first time on a server
/// connection), and EF Core's command, made by <see cref="StoreCommand.Prepared"/>, then calls <c>Prepare</c>, which
/// finds the statement prepared and does no I/O. A host behind a pooler that cannot keep prepared statements (PgBouncer
/// before 1.21 in transaction mode) turns this off with the <c>AppContext</c> switch <see cref="DisableSwitch"/>.
/// </remarks>
internal static class StatementPreparation
{
    /// <summary>The <c>AppContext</c> switch that turns preparation off.</summary>
    public const string DisableSwitch = "Invitations.EntityFrameworkCore.DisablePreparedStatements";

    /// <summary>
    /// Statements with more parameters run unprepared: the hot path's single writes and their completions prepare, a
    /// bulk batch's multi-row statement (thousands of parameters, one text per batch size) does not, so the server
    /// keeps a few small plans per connection and never one per batch size.
    /// </summary>
    public const int MaxParameters = 256;

    /// <summary>Whether the store's statements are prepared on providers that support it (see <see cref="DisableSwitch"/>).</summary>
    public static bool Enabled { get; } = !(AppContext.TryGetSwitch(DisableSwitch, out var disabled) && disabled);

    /// <summary>Connection strings whose connections cannot prepare (Npgsql's multiplexing), found on first use.</summary>
    private static readonly ConcurrentDictionary<string, bool> Unsupported = new(StringComparer.Ordinal);

    /// <summary>Whether a statement of <paramref name="parameterCount"/> parameters is prepared on <paramref name="provider"/>.</summary>
    public static bool Applies(StoreProvider provider, int parameterCount) =>
        Enabled && provider.PreparesStatements && parameterCount <= MaxParameters;

    /// <summary>
    /// Prepares <paramref name="command"/>'s statement on the open <paramref name="connection"/> (kept open until the
    /// command has run) with <paramref name="parameters"/> (the command's own: they are released again), and returns
    /// the command <see cref="StoreCommand.Prepared"/>; or <paramref name="command"/> as it is where the connection
    /// cannot prepare (Npgsql with <c>Multiplexing=true</c> refuses explicit preparation).
    /// </summary>
    public static async Task<StoreCommand> PrepareAsync(IRelationalConnection connection, StoreCommand command, DbParameter[] parameters, CancellationToken cancellationToken)
    {
        var dbConnection = connection.DbConnection;
        if (Unsupported.ContainsKey(dbConnection.ConnectionString))
        {
            return command;
        }

        var prepare = dbConnection.CreateCommand();
        await using (prepare.ConfigureAwait(false))
        {
            prepare.CommandText = command.CommandText;
            prepare.Transaction = connection.CurrentTransaction?.GetDbTransaction();
            if (connection.CommandTimeout is { } timeout)
            {
                prepare.CommandTimeout = timeout;
            }

            prepare.Parameters.AddRange(parameters);
            try
            {
                await prepare.PrepareAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NotSupportedException)
            {
                // Refused before anything was sent: run unprepared, now and from now on for this connection string.
                if (Unsupported.Count < 64)
                {
                    Unsupported.TryAdd(dbConnection.ConnectionString, true);
                }

                return command;
            }
            finally
            {
                // A parameter belongs to one command at a time: EF Core's command adds the same ones next.
                prepare.Parameters.Clear();
            }
        }

        return command.Prepared();
    }
}
