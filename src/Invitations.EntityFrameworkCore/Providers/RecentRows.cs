using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Invitations.EntityFrameworkCore.Providers;

/// <summary>
/// The invitation rows the store read last, by id (with the model they were read through), so that an update of the version it read writes only the
/// columns that changed (<see cref="RowSql{TRow}.UpdateChangedWhere"/>): an accept changes about eight of 41 columns,
/// and SQLite rewrites every index on a column in the <c>SET</c> list, changed or not (six of the eight indexes of
/// <c>invitations</c> for nothing). Sound because the store never changes a row without raising its version, so a row
/// read at a version is the row at that version; an update whose version no longer matches fails its guard either way.
/// Bounded (cleared when full); a row this store erases or purges is forgotten once it is deleted.
/// </summary>
internal sealed class RecentRows
{
    /// <summary>The most rows kept; a read past it starts over.</summary>
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<Guid, (IModel Model, InvitationRow Row)> _rows = new();

    /// <summary>How many rows are kept now.</summary>
    public int Count => _rows.Count;

    /// <summary>Keeps <paramref name="row"/>, just read from the database of <paramref name="model"/>.</summary>
    public void Remember(IModel model, InvitationRow row)
    {
        if (_rows.Count >= Capacity)
        {
            _rows.Clear();
        }

        _rows[row.Id] = (model, row);
    }

    /// <summary>Removes and returns the row kept for <paramref name="id"/> if it was read at <paramref name="version"/>, else null.</summary>
    public InvitationRow? Take(IModel model, Guid id, long version) =>
        _rows.TryRemove(id, out var kept) && kept.Model == model && kept.Row.Version == version ? kept.Row : null;

    /// <summary>Forgets the rows of <paramref name="ids"/> (erased or purged).</summary>
    public void Forget(IEnumerable<Guid> ids)
    {
        foreach (var id in ids)
        {
            _rows.TryRemove(id, out _);
        }
    }
}
