using NodaTime;
using Invitations.InMemory;

namespace Invitations;

/// <summary>The reminder work list and the built-in shortener's short links of the in-memory store.</summary>
public sealed partial class InMemoryInvitationStore
{
    private readonly Dictionary<byte[], ShortLinkRecord> _shortLinks = new(ByteArrayComparer.Instance);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InvitationData>> FindExpiringPendingAsync(ExpiringPendingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            // The pending index holds exactly the stored-pending invitations.
            var page = _pendingByRecipient.Values.Select(id => _byId[id])
                .Where(d => d.ExpiresAt <= query.To
                    && (d.ExpiresAt > query.From || (query.AfterId is { } after && d.ExpiresAt == query.From && d.Id.Value.CompareTo(after.Value) > 0)))
                .OrderBy(d => d.ExpiresAt).ThenBy(d => d.Id.Value)
                .Take(Math.Max(0, query.Limit))
                .ToList();
            return new ValueTask<IReadOnlyList<InvitationData>>(page);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> SaveShortLinkAsync(ShortLinkRecord link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        lock (_gate)
        {
            return new(_shortLinks.TryAdd(link.CodeHash.ToArray(), link with { CodeHash = link.CodeHash.ToArray(), SealedToken = link.SealedToken.ToArray() }));
        }
    }

    /// <inheritdoc />
    public ValueTask<ShortLinkRecord?> FindShortLinkAsync(byte[] codeHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codeHash);
        lock (_gate)
        {
            return new(_shortLinks.GetValueOrDefault(codeHash));
        }
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeShortLinksAsync(Instant before, int maxItems, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var old = _shortLinks.Where(p => p.Value.ExpiresAt < before).Take(Math.Max(0, maxItems)).Select(p => p.Key).ToList();
            foreach (var key in old)
            {
                _shortLinks.Remove(key);
            }

            return new(old.Count);
        }
    }

    /// <summary>Removes the short links of a removed invitation (erasure, retention).</summary>
    private void RemoveShortLinks(InvitationId id)
    {
        foreach (var key in _shortLinks.Where(p => p.Value.InvitationId == id).Select(p => p.Key).ToList())
        {
            _shortLinks.Remove(key);
        }
    }
}
