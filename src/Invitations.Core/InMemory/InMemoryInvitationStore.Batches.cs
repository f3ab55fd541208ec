namespace Invitations;

/// <summary>The batch half of the in-memory store: a batch of creations under one lock.</summary>
public sealed partial class InMemoryInvitationStore
{
    /// <inheritdoc />
    /// <remarks>
    /// The whole batch is checked and written under the store's lock, so no other write interleaves with it; an item
    /// that collides with a stored invitation or an earlier item of the batch fails alone. Cancellation is observed
    /// before anything is written.
    /// </remarks>
    public ValueTask<IReadOnlyList<LeasedWriteResult>> CreateManyAsync(IReadOnlyList<InvitationCreation> batch, OutboxLease? lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var item in batch)
        {
            if (item?.Invitation is null || item.Outbox is null)
            {
                throw new ArgumentException("The batch must not contain null items, invitations or outbox lists.", nameof(batch));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var results = new LeasedWriteResult[batch.Count];
        lock (_gate)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var status = Create(batch[i].Invitation, batch[i].Outbox, lease, out var leased);
                results[i] = new LeasedWriteResult(status, leased);
            }
        }

        return new(results);
    }
}
