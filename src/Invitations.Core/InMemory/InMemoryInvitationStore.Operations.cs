using NodaTime;

namespace Invitations;

/// <summary>The operations half of the in-memory store: the expiry work list, retention and erasure.</summary>
public sealed partial class InMemoryInvitationStore
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InvitationData>> FindExpiredPendingAsync(Instant now, int maxItems, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // The pending index holds exactly the stored-pending invitations, so the sweep never scans closed ones.
            var due = _pendingByRecipient.Values.Select(id => _byId[id]).Where(d => d.ExpiresAt <= now)
                .OrderBy(d => d.ExpiresAt).ThenBy(d => d.Id.Value).Take(Math.Max(0, maxItems)).ToList();
            return new ValueTask<IReadOnlyList<InvitationData>>(due);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeInvitationsAsync(Instant closedBefore, int maxItems, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var old = _byId.Values.Where(d => !IsPending(d) && d.ClosedAt < closedBefore).Take(Math.Max(0, maxItems)).ToList();
            foreach (var d in old)
            {
                Remove(d);
            }

            return new(old.Count);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InvitationData>> FindByAddressAsync(string normalizedAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(normalizedAddress);
        lock (_gate)
        {
            var found = _byId.Values.Where(d => Same(d.Email) || Same(d.MobileNumber) || Same(d.DeliveryAddress))
                .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id.Value).ToList();
            return new ValueTask<IReadOnlyList<InvitationData>>(found);
        }

        bool Same(string? value) => string.Equals(value, normalizedAddress, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public ValueTask<int> EraseAsync(InvitationId id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return new(_byId.TryGetValue(id, out var d) ? Remove(d) : 0);
        }
    }

    /// <summary>Removes an invitation, every index entry pointing at it and all its outbox items; returns the number of records removed.</summary>
    private int Remove(InvitationData d)
    {
        _byId.Remove(d.Id);
        if (d.TokenHash is { } hash && _byTokenHash.TryGetValue(hash, out var byHash) && byHash == d.Id)
        {
            _byTokenHash.Remove(hash);
        }

        if (_pendingByRecipient.TryGetValue(d.RecipientKey, out var pending) && pending == d.Id)
        {
            _pendingByRecipient.Remove(d.RecipientKey);
        }

        if (d.IdempotencyKey is { } key && _byIdempotencyKey.TryGetValue(key, out var byKey) && byKey == d.Id)
        {
            _byIdempotencyKey.Remove(key);
        }

        // Short links go too, but the count stays "the invitation plus its outbox items", as the contract says.
        RemoveShortLinks(d.Id);
        var removed = 1;
        if (_outboxByInvitation.Remove(d.Id, out var items))
        {
            foreach (var item in items)
            {
                _outboxPending.Remove(item.Id);
            }

            removed += items.Count;
        }

        return removed;
    }
}
