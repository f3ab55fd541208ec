using System.Collections.Concurrent;
using Invitations.Diagnostics;

namespace Invitations.Delivery;

/// <summary>The batch half of the dispatcher: one store call saves a bulk batch, and its inline delivery completes with one more.</summary>
internal sealed partial class OutboxDispatcher
{
    /// <summary>
    /// Saves a batch of new invitations with one store call; with inline dispatch on, the store leases their new items to
    /// this dispatcher in the same write (see <see cref="CreateAsync"/>). One write per item, in batch order.
    /// </summary>
    public async ValueTask<SavedWrite[]> CreateManyAsync(IReadOnlyList<InvitationCreation> batch, CancellationToken cancellationToken)
    {
        // Each fact once per receiver lane, as every single write saves it (a fact on the empty lane would go to every
        // receiver as one item and let the invitation's later, per-lane facts overtake it).
        batch = batch.Select(c => _receivers.Expand(c.Outbox) is var outbox && !ReferenceEquals(outbox, c.Outbox) ? c with { Outbox = outbox } : c).ToArray();
        var lease = InlineLease();
        var results = await _store.CreateManyAsync(batch, lease, cancellationToken).ConfigureAwait(false);
        if (results.Count != batch.Count)
        {
            throw new InvalidOperationException($"The store answered {results.Count} results for a batch of {batch.Count}.");
        }

        var writes = new SavedWrite[batch.Count];
        for (var i = 0; i < writes.Length; i++)
        {
            writes[i] = lease is null
                ? SavedWrite.Of(results[i].Status)
                : new SavedWrite(results[i].Status, batch[i].Invitation, batch[i].Outbox.Count, results[i].Leased);
        }

        return writes;
    }

    /// <summary>
    /// The inline delivery of a saved batch (<see cref="DispatchSavedAsync"/> for many writes): delivers the leased items,
    /// up to <paramref name="parallelism"/> invitations at a time (each invitation's items in order), then completes
    /// every delivered item with one store call. A failure of one invitation's delivery leaves its items to the
    /// background dispatcher and does not stop the others. Never throws but for cancellation.
    /// </summary>
    public async Task DispatchSavedManyAsync(IReadOnlyList<SavedWrite> saved, int parallelism, CancellationToken cancellationToken)
    {
        if (!_options.Delivery.Inline)
        {
            return;
        }

        var work = saved.Where(static s => s.Status == StoreWriteStatus.Saved && s.Invitation is not null).ToList();
        var delivered = new ConcurrentQueue<OutboxItemId>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(work, parallel, async (write, ct) =>
        {
            try
            {
                foreach (var item in write.Leased)
                {
                    if (await DeliverAsync(item, write.Invitation, ct).ConfigureAwait(false))
                    {
                        delivered.Enqueue(item.Id);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The save already succeeded; the items' lease lapses and the background dispatcher delivers them.
                Log.DispatchFailed(_logger, ex);
            }
        }).ConfigureAwait(false);

        try
        {
            if (!delivered.IsEmpty)
            {
                await _store.CompleteOutboxAsync(delivered.ToArray(), Owner, _clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.DispatchFailed(_logger, ex);
        }

        foreach (var write in work)
        {
            if (write.Leased.Count < write.Saved)
            {
                await DispatchInvitationAsync(write.Invitation!.Id, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
