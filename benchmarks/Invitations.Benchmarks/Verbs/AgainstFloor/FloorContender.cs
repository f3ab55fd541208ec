using Invitations.Benchmarks.Floor;
using Invitations.Benchmarks.Floor.Database;

namespace Invitations.Benchmarks.Verbs.AgainstFloor;

/// <summary>
/// The hand-written floor: a <see cref="FloorSession"/> per caller on the same kind of database, with the library's
/// schema. Bulk is one session inserting batches of the library's default <see cref="BulkInviteOptions.BatchSize"/>,
/// each in one transaction.
/// </summary>
internal sealed class FloorContender(FloorDatabase database) : IContender
{
    private static readonly int BatchSize = new BulkInviteOptions().BatchSize;
    private readonly List<FloorSession> _sessions = [];

    public string Name => "floor";

    public async Task PrepareAsync(int callers, CancellationToken cancellationToken)
    {
        while (_sessions.Count < callers)
        {
            _sessions.Add(await database.OpenSessionAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    public Task<string> InviteAsync(int caller, int index, CancellationToken cancellationToken) =>
        _sessions[caller].InviteAsync(FloorInvitations.Request(index), cancellationToken);

    public Task<bool> AcceptAsync(int caller, string token, CancellationToken cancellationToken) =>
        _sessions[caller].AcceptAsync(token, "sub-" + caller, cancellationToken);

    public async Task<int> InviteManyAsync(int offset, int count, CancellationToken cancellationToken)
    {
        var invited = 0;
        for (var start = 0; start < count; start += BatchSize)
        {
            invited += await _sessions[0].InviteBatchAsync(FloorInvitations.Requests(Math.Min(BatchSize, count - start), offset + start), cancellationToken).ConfigureAwait(false);
        }

        return invited;
    }

    public long TakeStatements() => database.TakeStatements();

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }
}
