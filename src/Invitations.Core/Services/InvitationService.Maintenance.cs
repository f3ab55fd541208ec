using Invitations.Delivery;
using Invitations.Diagnostics;
using Invitations.Domain;
using Invitations.Validation;
using NodaTime;
using E = Invitations.Errors.Errors;

namespace Invitations.Services;

/// <summary>Operations: the expiry sweep (with optional re-invitation), retention and erasure.</summary>
internal sealed partial class InvitationService
{
    public async Task<ExpirySweepResult> ExpireDueAsync(CancellationToken cancellationToken = default)
    {
        var batchSize = _options.Maintenance.BatchSize;
        int expired = 0, reinvited = 0;
        while (true)
        {
            var now = _clock.GetCurrentInstant();
            var due = await _store.FindExpiredPendingAsync(now, batchSize, cancellationToken).ConfigureAwait(false);
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
                var result = await _store.UpdateAsync(t.Data!, current.Version, OutboxItems.Of(t.Fact, null, now), cancellationToken).ConfigureAwait(false);
                if (result != StoreWriteResult.Saved)
                {
                    continue;
                }

                saved++;
                expired++;
                Log.Expired(_logger, current.Id);
                await DispatchAsync(current.Id, cancellationToken).ConfigureAwait(false);
                if (current.ResendCount < _options.Maintenance.MaxAutomaticReinvites
                    && (await ResendCoreAsync(t.Data!, SystemActor(), null, cancellationToken).ConfigureAwait(false)).IsSuccess)
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

    public async Task<RetentionPurgeResult> PurgeRetainedAsync(CancellationToken cancellationToken = default)
    {
        // Data exactly FactRetention old is gone ("at the limit"), so the exclusive cut-off lies one tick later.
        var cutoff = _clock.GetCurrentInstant() - Duration.FromTimeSpan(_options.Retention.Period) + Duration.FromTicks(1);
        var batchSize = _options.Maintenance.BatchSize;
        int outbox = 0, invitations = 0, n;
        do
        {
            n = await _store.PurgeOutboxAsync(cutoff, batchSize, cancellationToken).ConfigureAwait(false);
            outbox += n;
        }
        while (n >= batchSize);

        do
        {
            n = await _store.PurgeInvitationsAsync(cutoff, batchSize, cancellationToken).ConfigureAwait(false);
            invitations += n;
        }
        while (n >= batchSize);

        if (outbox + invitations > 0)
        {
            Log.Purged(_logger, outbox, invitations);
        }

        return new RetentionPurgeResult { OutboxItems = outbox, Invitations = invitations };
    }

    public async Task<InvitationResult<ErasureReport>> EraseAsync(string emailOrPhone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emailOrPhone);
        var isEmail = emailOrPhone.Contains('@', StringComparison.Ordinal);
        var address = isEmail
            ? EmailAddressNormalizer.Normalize(emailOrPhone)
            : PhoneNumberNormalizer.Normalize(emailOrPhone, _options.Defaults.PhoneRegion, allowPremiumRate: true);
        if (address is null)
        {
            return Fail(isEmail ? E.EmailInvalid("email") : E.MobileNumberInvalid());
        }

        int invitations = 0, items = 0;

        // Look again after each round: an invitation created for the person while erasing is erased too.
        for (var round = 0; round < MaxConflictRetries; round++)
        {
            var found = await _store.FindByAddressAsync(address, cancellationToken).ConfigureAwait(false);
            if (found.Count == 0)
            {
                break;
            }

            foreach (var invitation in found)
            {
                var removed = await _store.EraseAsync(invitation.Id, cancellationToken).ConfigureAwait(false);
                if (removed > 0)
                {
                    invitations++;
                    items += removed - 1;
                }
            }
        }

        // No address in the log, not even redacted: the point of erasure is that nothing about the person remains.
        Log.Erased(_logger, invitations, items);
        return new ErasureReport { Invitations = invitations, OutboxItems = items };
    }
}
