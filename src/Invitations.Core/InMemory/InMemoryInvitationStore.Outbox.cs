using NodaTime;

namespace Invitations;

/// <summary>The outbox half of the in-memory store: leases, ordering per (invitation, kind, lane), retention.</summary>
public sealed partial class InMemoryInvitationStore
{
    private readonly Dictionary<OutboxItemId, OutboxItem> _outboxPending = [];
    private readonly Dictionary<InvitationId, List<OutboxItem>> _outboxByInvitation = [];

    /// <summary>The number of outbox items not yet delivered or given up.</summary>
    public int PendingOutboxCount
    {
        get
        {
            lock (_gate)
            {
                return _outboxPending.Count;
            }
        }
    }

    /// <summary>A snapshot of every outbox item (pending and finished), for tests and diagnostics.</summary>
    /// <returns>The items in insertion order per invitation.</returns>
    public IReadOnlyList<OutboxItem> SnapshotOutbox()
    {
        lock (_gate)
        {
            return _outboxByInvitation.Values.SelectMany(l => l).ToList();
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InvitationFact>> ListFactsAsync(InvitationId id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<InvitationFact> facts = _outboxByInvitation.TryGetValue(id, out var items)
                ? items.Where(i => i.Draft.HasValue).DistinctBy(i => i.Draft.Envelope.Id).OrderBy(i => i.Draft.Envelope.Sequence).Select(i => i.Fact!).ToList()
                : [];
            return new(facts);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxItem>> ClaimOutboxAsync(OutboxClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        lock (_gate)
        {
            if (claim.InvitationId is { } only)
            {
                return new(_outboxByInvitation.TryGetValue(only, out var own) ? ClaimOwn(own, claim) : []);
            }

            IEnumerable<OutboxItem> candidates = _outboxPending.Values;

            // Head of each (invitation, kind, lane) queue only: that is what keeps delivery in order.
            var heads = new Dictionary<(InvitationId, OutboxItemKind, string), OutboxItem>();
            foreach (var item in candidates)
            {
                var key = (item.InvitationId, item.Kind, item.Lane);
                if (!heads.TryGetValue(key, out var head) || item.Sequence < head.Sequence)
                {
                    heads[key] = item;
                }
            }

            var claimed = new List<OutboxItem>();
            foreach (var head in heads.Values.OrderBy(i => i.DueAt).ThenBy(i => i.InvitationId.Value).ThenBy(i => i.Kind).ThenBy(i => i.Lane, StringComparer.Ordinal))
            {
                if (claimed.Count >= claim.MaxItems)
                {
                    break;
                }

                if (head.DueAt > claim.Now || (head.LeaseExpiresAt is { } lease && lease > claim.Now))
                {
                    continue;
                }

                claimed.Add(Lease(head, claim));
            }

            return new(claimed);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> CompleteOutboxAsync(OutboxItemId id, string owner, Instant now, CancellationToken cancellationToken) =>
        new(Finish(id, owner, OutboxItemStatus.Delivered, now, dueAt: null, error: null));

    /// <inheritdoc />
    public ValueTask<int> CompleteOutboxAsync(IReadOnlyList<OutboxItemId> ids, string owner, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var completed = 0;
        lock (_gate)
        {
            foreach (var id in ids)
            {
                completed += Finish(id, owner, OutboxItemStatus.Delivered, now, dueAt: null, error: null) ? 1 : 0;
            }
        }

        return new(completed);
    }

    /// <inheritdoc />
    public ValueTask<bool> ReleaseOutboxAsync(OutboxItemId id, string owner, Instant dueAt, string? error, CancellationToken cancellationToken) =>
        new(Finish(id, owner, OutboxItemStatus.Pending, completedAt: null, dueAt, error));

    /// <inheritdoc />
    public ValueTask<bool> FailOutboxAsync(OutboxItemId id, string owner, Instant now, string error, CancellationToken cancellationToken) =>
        new(Finish(id, owner, OutboxItemStatus.Failed, now, dueAt: null, error));

    /// <inheritdoc />
    public ValueTask<int> PurgeOutboxAsync(Instant before, int maxItems, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var removed = 0;
            foreach (var (invitationId, items) in _outboxByInvitation.ToList())
            {
                removed += items.RemoveAll(i => removed < maxItems && i.Status != OutboxItemStatus.Pending && i.CompletedAt < before);
                if (items.Count == 0)
                {
                    _outboxByInvitation.Remove(invitationId);
                }

                if (removed >= maxItems)
                {
                    break;
                }
            }

            return new(removed);
        }
    }

    /// <summary>
    /// The inline-dispatch path (one invitation, a handful of items): the head of each (kind, lane) queue, found by one
    /// scan of the invitation's own list, in the same order as the general path.
    /// </summary>
    private List<OutboxItem> ClaimOwn(List<OutboxItem> own, OutboxClaim claim)
    {
        var heads = new List<OutboxItem>(2);
        foreach (var item in own)
        {
            if (item.Status != OutboxItemStatus.Pending)
            {
                continue;
            }

            var at = heads.Count - 1;
            while (at >= 0 && (heads[at].Kind != item.Kind || !string.Equals(heads[at].Lane, item.Lane, StringComparison.Ordinal)))
            {
                at--;
            }

            if (at < 0)
            {
                heads.Add(item);
            }
            else if (item.Sequence < heads[at].Sequence)
            {
                heads[at] = item;
            }
        }

        heads.Sort(static (a, b) => a.DueAt != b.DueAt ? a.DueAt.CompareTo(b.DueAt)
            : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind)
            : string.CompareOrdinal(a.Lane, b.Lane));
        var claimed = new List<OutboxItem>(heads.Count);
        foreach (var head in heads)
        {
            if (claimed.Count >= claim.MaxItems)
            {
                break;
            }

            if (head.DueAt <= claim.Now && (head.LeaseExpiresAt is not { } lease || lease <= claim.Now))
            {
                claimed.Add(Lease(head, claim));
            }
        }

        return claimed;
    }

    /// <summary>Leases a queue head to the claim's owner (both claim paths).</summary>
    private OutboxItem Lease(OutboxItem head, OutboxClaim claim)
    {
        var leased = head with { LeaseOwner = claim.Owner, LeaseExpiresAt = claim.Now + claim.LeaseDuration };
        Replace(leased);
        return leased;
    }

    /// <summary>
    /// Adds the items pending and, with a lease, leases each new item that heads its (invitation, kind, lane) queue: no
    /// other pending item of that invitation, kind and lane with a lower sequence, saved before or in this write. Returns the leased items.
    /// </summary>
    private IReadOnlyList<OutboxItem> AddOutbox(IReadOnlyList<OutboxItem> items, OutboxLease? lease)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];

            // Items arrive pending and unleased from the service; anything else is normalized, never trusted.
            var stored = item is { Status: OutboxItemStatus.Pending, LeaseOwner: null, LeaseExpiresAt: null, Lane: not null }
                ? item
                : item with { Status = OutboxItemStatus.Pending, LeaseOwner = null, LeaseExpiresAt = null, Lane = item.Lane ?? "" };
            _outboxPending[item.Id] = stored;
            if (!_outboxByInvitation.TryGetValue(item.InvitationId, out var list))
            {
                _outboxByInvitation[item.InvitationId] = list = new List<OutboxItem>(2);
            }

            list.Add(stored);
        }

        if (lease is null || items.Count == 0)
        {
            return Array.Empty<OutboxItem>();
        }

        var leased = new List<OutboxItem>(items.Count);
        foreach (var item in items)
        {
            var queue = _outboxByInvitation[item.InvitationId];
            if (!queue.Any(o => o.Status == OutboxItemStatus.Pending && o.Kind == item.Kind && string.Equals(o.Lane, item.Lane, StringComparison.Ordinal) && o.Sequence < item.Sequence))
            {
                var taken = _outboxPending[item.Id] with { LeaseOwner = lease.Owner, LeaseExpiresAt = lease.ExpiresAt };
                Replace(taken);
                leased.Add(taken);
            }
        }

        leased.Sort(static (a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind)
            : !string.Equals(a.Lane, b.Lane, StringComparison.Ordinal) ? string.CompareOrdinal(a.Lane, b.Lane)
            : a.Sequence.CompareTo(b.Sequence));
        return leased;
    }

    /// <summary>Ends the caller's lease: delivered or failed (message body dropped), or released (pending again, due later).</summary>
    private bool Finish(OutboxItemId id, string owner, OutboxItemStatus status, Instant? completedAt, Instant? dueAt, string? error)
    {
        lock (_gate)
        {
            if (!_outboxPending.TryGetValue(id, out var item) || !string.Equals(item.LeaseOwner, owner, StringComparison.Ordinal))
            {
                return false;
            }

            var delivered = status == OutboxItemStatus.Delivered;
            Replace(item with
            {
                Status = status,
                CompletedAt = completedAt,
                DueAt = dueAt ?? item.DueAt,
                Attempts = delivered ? item.Attempts : item.Attempts + 1,
                LastError = delivered ? item.LastError : error,
                Message = status == OutboxItemStatus.Pending ? item.Message : null,
                LeaseOwner = null,
                LeaseExpiresAt = null,
            });
            return true;
        }
    }

    private void Replace(OutboxItem item)
    {
        if (item.Status == OutboxItemStatus.Pending)
        {
            _outboxPending[item.Id] = item;
        }
        else
        {
            _outboxPending.Remove(item.Id);
        }

        var list = _outboxByInvitation[item.InvitationId];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Id == item.Id)
            {
                list[i] = item;
                return;
            }
        }
    }
}
