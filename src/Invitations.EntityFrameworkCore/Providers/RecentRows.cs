using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Invitations.EntityFrameworkCore.Providers;

/// <summary>
/// The invitation rows the store read last, by id (with the model they were read through), so that an update of the
/// version it read writes only the columns that changed (<see cref="RowSql{TRow}.UpdateChangedWhere"/>): an accept
/// changes seven of 41 columns, and SQLite rewrites every index on a column in the <c>SET</c> list, changed or not
/// (six of the eight indexes of <c>invitations</c> for nothing). Sound because the store changes a row only through
/// the version-guarded update (the one exception, the schema step that rewrites 0.1.0 recipient keys, is covered by
/// writing both key columns together), so a row read at a version is the row at that version; an update whose
/// version no longer matches fails its guard either way.
/// </summary>
/// <remarks>
/// A row is used for <see cref="Lifetime"/> at most after its read (a read and the update that follows it are
/// milliseconds apart); expired rows are swept every <see cref="SweepEvery"/> reads and updates, so a store that falls
/// idle keeps at most that many rows of its last seconds of work. At most about <see cref="Capacity"/> rows are kept.
/// A row this store erases or purges is forgotten once it is deleted, and a read that overlapped an erasure keeps nothing.
/// </remarks>
internal sealed class RecentRows(Func<long>? milliseconds = null)
{
    /// <summary>The most rows kept (give or take <see cref="SweepEvery"/>); past it the rows are dropped.</summary>
    public const int Capacity = 1024;

    /// <summary>Every this many reads and updates, expired rows are swept (and all are dropped past <see cref="Capacity"/>).</summary>
    public const int SweepEvery = 32;

    /// <summary>How long a row is kept after its read.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly Func<long> _milliseconds = milliseconds ?? (static () => Environment.TickCount64);
    private readonly ConcurrentDictionary<Guid, Kept> _rows = new();
    private int _operations;
    private long _erasures;

    /// <summary>How many rows are kept now.</summary>
    public int Count => _rows.Count;

    /// <summary>A mark to take before a read and give to <see cref="Remember"/>: a read that overlapped an erasure keeps nothing.</summary>
    public long Mark => Interlocked.Read(ref _erasures);

    /// <summary>Keeps <paramref name="row"/>, just read from the database of <paramref name="model"/> by a read that began at <paramref name="mark"/>.</summary>
    public void Remember(IModel model, InvitationRow row, long mark)
    {
        if (mark != Mark)
        {
            return;
        }

        Tick();
        _rows[row.Id] = new Kept(model, row, _milliseconds());

        // An erasure that began while this row was being kept must not leave it behind.
        if (mark != Mark)
        {
            _rows.TryRemove(row.Id, out _);
        }
    }

    /// <summary>Removes and returns the row kept for <paramref name="id"/> if it was read at <paramref name="version"/> and is still fresh, else null.</summary>
    public InvitationRow? Take(IModel model, Guid id, long version)
    {
        Tick();
        return _rows.TryRemove(id, out var kept) && kept.Model == model && kept.Row.Version == version && !Expired(kept) ? kept.Row : null;
    }

    /// <summary>Forgets the rows of <paramref name="ids"/> (erased or purged), and what reads overlapping this would keep.</summary>
    public void Forget(IEnumerable<Guid> ids)
    {
        Interlocked.Increment(ref _erasures);
        foreach (var id in ids)
        {
            _rows.TryRemove(id, out _);
        }
    }

    private bool Expired(Kept kept) => _milliseconds() - kept.At > (long)Lifetime.TotalMilliseconds;

    private void Tick()
    {
        if (Interlocked.Increment(ref _operations) % SweepEvery != 0)
        {
            return;
        }

        if (_rows.Count >= Capacity)
        {
            _rows.Clear();
            return;
        }

        foreach (var entry in _rows)
        {
            if (Expired(entry.Value))
            {
                _rows.TryRemove(entry);
            }
        }
    }

    private sealed record Kept(IModel Model, InvitationRow Row, long At);
}
