using NodaTime;

namespace Invitations.Benchmarks.Floor.Database;

/// <summary>
/// The hand-written floor of the library's store path on a real database (issue 14): the same writes as an invite
/// and an accept with inline delivery, on the same tables, with the same transactions and the same durability, and
/// nothing else. Callers each open a <see cref="FloorSession"/> (a connection of their own with its prepared
/// statements), as a hand-written data layer keeps one per worker.
/// </summary>
/// <param name="dialect">SQLite or PostgreSQL.</param>
/// <param name="messages">Renders and encrypts the message as the library does.</param>
public sealed class FloorDatabase(FloorDialect dialect, FloorMessages messages)
{
    private long _statements;

    /// <summary>The lease the floor's rows are inserted under (the library's default <c>Delivery.Lease</c>).</summary>
    public static Duration Lease { get; } = Duration.FromMinutes(2);

    public FloorDialect Dialect => dialect;

    public FloorMessages Messages => messages;

    /// <summary>The lease owner of this floor (as a dispatcher's owner name: unique per instance).</summary>
    public string Owner { get; } = $"floor/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public Task<FloorSession> OpenSessionAsync(CancellationToken cancellationToken) => FloorSession.OpenAsync(this, cancellationToken);

    /// <summary>The statements run since the last call: SQLite's own trace where the dialect has one, else the floor's count.</summary>
    public long TakeStatements() => dialect.Trace is { } trace ? trace.Take().Count : Interlocked.Exchange(ref _statements, 0);

    /// <summary>
    /// Counts statements the floor sends, by the rule the library's count follows on PostgreSQL: each statement of a
    /// command or batch, and a transaction's <c>BEGIN</c> and <c>COMMIT</c> or <c>ROLLBACK</c>.
    /// </summary>
    internal void Count(int statements)
    {
        if (dialect.Trace is null)
        {
            Interlocked.Add(ref _statements, statements);
        }
    }
}
