using NodaTime;
using Invitations.InMemory;

namespace Invitations;

/// <summary>
/// The default store: thread-safe, in process memory, with the same atomicity, uniqueness, version
/// and outbox-lease semantics as a database store (it passes the same conformance suite). Data is lost
/// when the process ends: use Invitations.EntityFrameworkCore for anything that must survive a restart.
/// </summary>
public sealed partial class InMemoryInvitationStore : IInvitationStore
{
    private readonly object _gate = new();
    private readonly Dictionary<InvitationId, InvitationData> _byId = [];
    private readonly Dictionary<byte[], InvitationId> _byTokenHash = new(ByteArrayComparer.Instance);
    private readonly Dictionary<string, InvitationId> _pendingByRecipient = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InvitationId> _byIdempotencyKey = new(StringComparer.Ordinal);

    /// <summary>The number of invitations held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<StoreWriteStatus> CreateAsync(InvitationData invitation, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken) =>
        new(Create(invitation, outbox, lease: null, out _));

    /// <inheritdoc />
    public ValueTask<LeasedWriteResult> CreateLeasedAsync(InvitationData invitation, IReadOnlyList<OutboxItem> outbox, OutboxLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var status = Create(invitation, outbox, lease, out var leased);
        return new(new LeasedWriteResult(status, leased));
    }

    /// <inheritdoc />
    public ValueTask<StoreWriteStatus> UpdateAsync(InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken) =>
        new(Update(invitation, expectedVersion, outbox, lease: null, out _));

    /// <inheritdoc />
    public ValueTask<LeasedWriteResult> UpdateLeasedAsync(
        InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, OutboxLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var status = Update(invitation, expectedVersion, outbox, lease, out var leased);
        return new(new LeasedWriteResult(status, leased));
    }

    private StoreWriteStatus Create(InvitationData invitation, IReadOnlyList<OutboxItem> outbox, OutboxLease? lease, out IReadOnlyList<OutboxItem> leased)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(outbox);
        leased = [];
        lock (_gate)
        {
            if (_byId.ContainsKey(invitation.Id))
            {
                return StoreWriteStatus.DuplicateId;
            }

            if (invitation.IdempotencyKey is { } key && _byIdempotencyKey.ContainsKey(key))
            {
                return StoreWriteStatus.DuplicateIdempotencyKey;
            }

            if (IsPending(invitation) && _pendingByRecipient.ContainsKey(invitation.RecipientKey))
            {
                return StoreWriteStatus.DuplicatePending;
            }

            _byId[invitation.Id] = invitation;
            Index(null, invitation);
            leased = AddOutbox(outbox, lease);
            return StoreWriteStatus.Saved;
        }
    }

    private StoreWriteStatus Update(InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, OutboxLease? lease, out IReadOnlyList<OutboxItem> leased)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(outbox);
        leased = [];
        lock (_gate)
        {
            if (!_byId.TryGetValue(invitation.Id, out var current) || current.Version != expectedVersion)
            {
                return StoreWriteStatus.ConcurrencyConflict;
            }

            if (IsPending(invitation) && _pendingByRecipient.TryGetValue(invitation.RecipientKey, out var holder) && holder != invitation.Id)
            {
                return StoreWriteStatus.DuplicatePending;
            }

            _byId[invitation.Id] = invitation;
            Index(current, invitation);
            leased = AddOutbox(outbox, lease);
            return StoreWriteStatus.Saved;
        }
    }

    /// <inheritdoc />
    public ValueTask<InvitationData?> FindAsync(InvitationId id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return new(_byId.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public ValueTask<InvitationData?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        lock (_gate)
        {
            return new(_byTokenHash.TryGetValue(tokenHash, out var id) ? _byId[id] : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<InvitationData?> FindPendingByRecipientAsync(string recipientKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return new(_pendingByRecipient.TryGetValue(recipientKey, out var id) ? _byId[id] : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<InvitationData?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return new(_byIdempotencyKey.TryGetValue(idempotencyKey, out var id) ? _byId[id] : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<InvitationPage> QueryAsync(InvitationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, 1000);
        List<InvitationData> matches;
        lock (_gate)
        {
            matches = _byId.Values.Where(d => Matches(d, query)).ToList();
        }

        matches.Sort(static (a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : a.Id.Value.CompareTo(b.Id.Value));
        var page = matches.Take(limit + 1).ToList();
        InvitationCursor? next = null;
        if (page.Count > limit)
        {
            page.RemoveAt(limit);
            next = new InvitationCursor(page[^1].CreatedAt, page[^1].Id);
        }

        return new(new InvitationPage(page, next));
    }

    /// <inheritdoc />
    public ValueTask<int> CountCreatedByAsync(string invitedById, Instant since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return new(_byId.Values.Count(d => d.CreatedAt >= since && string.Equals(d.InvitedById, invitedById, StringComparison.Ordinal)));
        }
    }

    private static bool IsPending(InvitationData d) => d.State is InvitationState.Initiated or InvitationState.Reinitiated;

    private static bool Matches(InvitationData d, InvitationQuery q)
    {
        if (q.State is { } state)
        {
            var effective = IsPending(d) && q.AsOf >= d.ExpiresAt ? InvitationState.Expired : d.State;
            if (effective != state)
            {
                return false;
            }
        }

        if (q.After is { } after && (d.CreatedAt < after.CreatedAt || (d.CreatedAt == after.CreatedAt && d.Id.Value.CompareTo(after.Id.Value) <= 0)))
        {
            return false;
        }

        return (q.Email is null || string.Equals(d.Email, q.Email, StringComparison.OrdinalIgnoreCase))
            && (q.InvitedById is null || string.Equals(d.InvitedById, q.InvitedById, StringComparison.Ordinal))
            && (q.OrganizationId is null || string.Equals(d.OrganizationId, q.OrganizationId, StringComparison.Ordinal))
            && (q.CreatedFrom is null || d.CreatedAt >= q.CreatedFrom)
            && (q.CreatedBefore is null || d.CreatedAt < q.CreatedBefore);
    }

    private void Index(InvitationData? before, InvitationData after)
    {
        if (before?.TokenHash is { } oldHash && (after.TokenHash is null || !oldHash.AsSpan().SequenceEqual(after.TokenHash)))
        {
            _byTokenHash.Remove(oldHash);
        }

        if (after.TokenHash is { } hash)
        {
            _byTokenHash[hash] = after.Id;
        }

        if (before is not null && IsPending(before) && _pendingByRecipient.TryGetValue(before.RecipientKey, out var holder) && holder == before.Id)
        {
            _pendingByRecipient.Remove(before.RecipientKey);
        }

        if (IsPending(after))
        {
            _pendingByRecipient[after.RecipientKey] = after.Id;
        }

        if (after.IdempotencyKey is { } key)
        {
            _byIdempotencyKey[key] = after.Id;
        }
    }
}
