using Invitations.Delivery;
using Invitations.Diagnostics;
using Invitations.Domain;
using Invitations.Inviting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Maintenance;

/// <summary>
/// The system's housekeeping, which <see cref="MaintenanceHostedService"/> runs on every instance: the expiry sweep
/// (with optional re-invitation) and the retention purge. Internal: no host or endpoint calls them.
/// </summary>
internal sealed class InvitationMaintenance(
    InvitePipeline pipeline, IInvitationStore store, IClock clock, IOptions<InvitationsOptions> options, OutboxDispatcher dispatcher,
    ILogger<InvitationMaintenance> logger)
{
    private readonly InvitationsOptions _options = options.Value;
    private readonly FactFactory _facts = new(options.Value.Links.FactUrlTemplate);

    /// <summary>
    /// Persists Expired for every pending invitation past its expiry, emitting <c>INVITE_EXPIRED</c> exactly once each even
    /// when several sweepers run at once (the versioned update makes the loser skip), and re-invites up to
    /// <see cref="MaintenanceOptions.MaxAutomaticReinvites"/> times.
    /// </summary>
    public async Task<ExpirySweepResult> ExpireDueAsync(CancellationToken cancellationToken = default)
    {
        var batchSize = _options.Maintenance.BatchSize;
        int expired = 0, reinvited = 0;
        while (true)
        {
            var now = clock.GetCurrentInstant();
            var due = await store.FindExpiredPendingAsync(now, batchSize, cancellationToken).ConfigureAwait(false);
            var saved = 0;
            foreach (var current in due)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var t = Invitation.Expire(current, now, _facts);
                if (!t.Succeeded)
                {
                    continue;
                }

                // The versioned update is the arbiter: of two sweepers (or a sweeper and a racing accept or resend) exactly one
                // change is saved, so INVITE_EXPIRED is emitted once; the loser just moves on.
                var result = await dispatcher.UpdateAsync(t.Data, current.Version, OutboxItems.Of(t.Draft, null, now), cancellationToken).ConfigureAwait(false);
                if (result.Status != StoreWriteStatus.Saved)
                {
                    continue;
                }

                saved++;
                expired++;
                Log.Expired(logger, current.Id);
                await dispatcher.DispatchSavedAsync(result, cancellationToken).ConfigureAwait(false);
                if (current.ResendCount < _options.Maintenance.MaxAutomaticReinvites
                    && (await pipeline.ResendAsync(t.Data, pipeline.SystemActor(), null, cancellationToken).ConfigureAwait(false)).IsSuccess)
                {
                    reinvited++;
                }
            }

            // A short batch means nothing more is due; a batch with nothing saved means another sweeper is on it.
            if (due.Count < batchSize || saved == 0)
            {
                return new ExpirySweepResult { Expired = expired, Reinvited = reinvited };
            }
        }
    }

    /// <summary>Deletes, in batches, finished outbox items and closed invitations at least <see cref="RetentionOptions.Period"/> old.</summary>
    public async Task<RetentionPurgeResult> PurgeRetainedAsync(CancellationToken cancellationToken = default)
    {
        // Data exactly FactRetention old is gone ("at the limit"), so the exclusive cut-off lies one tick later.
        var cutoff = clock.GetCurrentInstant() - Duration.FromTimeSpan(_options.Retention.Period) + Duration.FromTicks(1);
        var batchSize = _options.Maintenance.BatchSize;
        int outbox = 0, invitations = 0, n;
        do
        {
            n = await store.PurgeOutboxAsync(cutoff, batchSize, cancellationToken).ConfigureAwait(false);
            outbox += n;
        }
        while (n >= batchSize);

        do
        {
            n = await store.PurgeInvitationsAsync(cutoff, batchSize, cancellationToken).ConfigureAwait(false);
            invitations += n;
        }
        while (n >= batchSize);

        if (outbox + invitations > 0)
        {
            Log.Purged(logger, outbox, invitations);
        }

        return new RetentionPurgeResult { OutboxItems = outbox, Invitations = invitations };
    }
}
