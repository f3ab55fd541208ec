using Invitations.Diagnostics;
using Invitations.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Delivery;

/// <summary>
/// Delivers outbox items: facts to every registered <see cref="IWebhookSink"/> (the in-memory sink only when no other
/// is registered), messages to the last registered
/// <see cref="IMessageSender"/> that accepts their channel. At least once, in order per invitation and
/// kind (the store only hands out the head of each queue), with bounded, jittered retries. Many
/// dispatchers may share one store: items are leased, never double-claimed.
/// </summary>
internal sealed partial class OutboxDispatcher
{
    private const int MaxInlineRounds = 8;
    private readonly IInvitationStore _store;
    private readonly IMessageSender[] _senders;
    private readonly IWebhookSink[] _sinks;
    private readonly IClock _clock;
    private readonly InvitationsOptions _options;
    private readonly FactFactory _facts;
    private readonly InvitationsTelemetry _telemetry;
    private readonly ILogger _logger;

    public OutboxDispatcher(
        IInvitationStore store, IEnumerable<IMessageSender> senders, IEnumerable<IWebhookSink> sinks, IClock clock,
        IOptions<InvitationsOptions> options, InvitationsTelemetry telemetry, ILogger<OutboxDispatcher> logger)
    {
        _store = store;
        _senders = senders.Reverse().ToArray(); // last registered first
        var all = sinks.ToArray();

        // The in-memory sink is the default a real sink replaces, as the in-memory sender is: it would only keep every fact in memory.
        _sinks = all.Any(static s => s is not InMemoryWebhookSink) ? all.Where(static s => s is not InMemoryWebhookSink).ToArray() : all;
        _clock = clock;
        _options = options.Value;
        _facts = new FactFactory(_options.Links.FactUrlTemplate);
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>The lease owner name of this dispatcher (unique per instance).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// Saves a new invitation; with inline dispatch on, the store leases its new items to this dispatcher in the same
    /// write, so <see cref="DispatchSavedAsync(SavedWrite, CancellationToken)"/> delivers them without a claim.
    /// </summary>
    public async ValueTask<SavedWrite> CreateAsync(InvitationData invitation, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken)
    {
        if (InlineLease() is not { } lease)
        {
            return SavedWrite.Of(await _store.CreateAsync(invitation, outbox, cancellationToken).ConfigureAwait(false));
        }

        var result = await _store.CreateLeasedAsync(invitation, outbox, lease, cancellationToken).ConfigureAwait(false);
        return new(result.Status, invitation, outbox.Count, result.Leased);
    }

    /// <summary>Saves a change of an invitation, leasing its new items as <see cref="CreateAsync"/> does.</summary>
    public async ValueTask<SavedWrite> UpdateAsync(InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken)
    {
        if (InlineLease() is not { } lease)
        {
            return SavedWrite.Of(await _store.UpdateAsync(invitation, expectedVersion, outbox, cancellationToken).ConfigureAwait(false));
        }

        var result = await _store.UpdateLeasedAsync(invitation, expectedVersion, outbox, lease, cancellationToken).ConfigureAwait(false);
        return new(result.Status, invitation, outbox.Count, result.Leased);
    }

    /// <summary>
    /// After a save through this dispatcher, when <see cref="DeliveryOptions.Inline"/> is on (else the background
    /// dispatcher delivers): delivers the items the save leased to it (the message checked against the
    /// invitation as saved, not read again), completes the delivered ones in one store call, and claims only when the
    /// store left some saved item unleased (one queued behind an earlier pending item). Never throws.
    /// </summary>
    public async Task DispatchSavedAsync(SavedWrite saved, CancellationToken cancellationToken)
    {
        if (!_options.Delivery.Inline || saved.Invitation is not { } invitation)
        {
            return;
        }

        if (saved.Leased.Count == 0)
        {
            if (saved.Saved > 0)
            {
                await DispatchInvitationAsync(invitation.Id, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        try
        {
            var delivered = new List<OutboxItemId>(saved.Leased.Count);
            foreach (var item in saved.Leased)
            {
                if (await DeliverAsync(item, invitation, complete: false, cancellationToken).ConfigureAwait(false))
                {
                    delivered.Add(item.Id);
                }
            }

            if (delivered.Count > 0)
            {
                await _store.CompleteOutboxAsync(delivered, Owner, _clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The save already succeeded; the items' lease lapses and the background dispatcher delivers them.
            Log.DispatchFailed(_logger, ex);
            return;
        }

        if (saved.Leased.Count < saved.Saved)
        {
            await DispatchInvitationAsync(invitation.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    private OutboxLease? InlineLease() =>
        _options.Delivery.Inline ? new OutboxLease(Owner, _clock.GetCurrentInstant() + Duration.FromTimeSpan(_options.Delivery.Lease)) : null;

    /// <summary>Delivers what is due now for one invitation, following its queue for a few rounds. Never throws.</summary>
    public async Task DispatchInvitationAsync(InvitationId id, CancellationToken cancellationToken)
    {
        try
        {
            for (var round = 0; round < MaxInlineRounds; round++)
            {
                if (await DispatchAsync(id, cancellationToken).ConfigureAwait(false) == 0)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The save already succeeded; the background dispatcher retries what is left.
            Log.DispatchFailed(_logger, ex);
        }
    }

    /// <summary>Claims one batch (optionally of one invitation) and delivers it. Returns how many items were claimed.</summary>
    public async Task<int> DispatchAsync(InvitationId? only, CancellationToken cancellationToken)
    {
        var claim = new OutboxClaim
        {
            Owner = Owner,
            MaxItems = _options.Delivery.BatchSize,
            LeaseDuration = Duration.FromTimeSpan(_options.Delivery.Lease),
            Now = _clock.GetCurrentInstant(),
            InvitationId = only,
        };
        var items = await _store.ClaimOutboxAsync(claim, cancellationToken).ConfigureAwait(false);
        foreach (var item in items)
        {
            await DeliverAsync(item, invitation: null, complete: true, cancellationToken).ConfigureAwait(false);
        }

        return items.Count;
    }

    /// <summary>
    /// Delivers one leased item and records the outcome. A delivered item is completed here when
    /// <paramref name="complete"/> is set; otherwise the caller completes it (with others, in one call). Returns
    /// whether it was delivered. <paramref name="invitation"/> is the invitation as just saved, or null to read it.
    /// </summary>
    private async Task<bool> DeliverAsync(OutboxItem item, InvitationData? invitation, bool complete, CancellationToken cancellationToken)
    {
        DeliveryResult result;
        try
        {
            result = item.Kind == OutboxItemKind.Fact
                ? await DeliverFactAsync(item, cancellationToken).ConfigureAwait(false)
                : await SendMessageAsync(item, invitation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = DeliveryResult.Transient($"{ex.GetType().Name}: {ex.Message}");
        }

        // A sender's reply may quote the message (and so the link): never let it reach a log, the store or a fact.
        if (result.Detail is not null)
        {
            result = result with { Detail = SecretScrubber.Scrub(result.Detail) };
        }

        var now = _clock.GetCurrentInstant();
        _telemetry.Deliveries.Add(1, new("kind", item.Kind.ToString()), new("outcome", result.Status.ToString()));
        switch (result.Status)
        {
            case DeliveryStatus.Delivered:
                if (complete)
                {
                    await _store.CompleteOutboxAsync(item.Id, Owner, now, cancellationToken).ConfigureAwait(false);
                }

                _telemetry.DeliveryLatency.Record((now - item.CreatedAt).TotalMilliseconds, new KeyValuePair<string, object?>("kind", item.Kind.ToString()));
                if (item.Kind == OutboxItemKind.Message)
                {
                    _telemetry.Sent.Add(1);
                }

                return true;
            case DeliveryStatus.TransientFailure when item.Attempts < _options.Delivery.RetrySchedule.Count:
                var due = now + RetryDelay(item.Attempts, result.RetryAfter);
                Log.DeliveryRetry(_logger, item.Kind, item.Id, item.InvitationId, item.Attempts + 1, due, result.Detail ?? "unknown");
                await _store.ReleaseOutboxAsync(item.Id, Owner, due, result.Detail, cancellationToken).ConfigureAwait(false);
                break;
            default:
                var error = result.Detail is { Length: > 0 } d ? d : "delivery failed";
                Log.DeliveryGaveUp(_logger, item.Kind, item.Id, item.InvitationId, item.Attempts + 1, error);
                if (item.Kind == OutboxItemKind.Message)
                {
                    await RecordDeliveryFailureAsync(item, error, cancellationToken).ConfigureAwait(false);
                }

                await _store.FailOutboxAsync(item.Id, Owner, now, error, cancellationToken).ConfigureAwait(false);
                break;
        }

        return false;
    }

    /// <summary>
    /// Delivers the fact to every sink, in registration order, and reports the worst answer: any transient failure
    /// retries the item (sinks that took it already see it again: at least once, receivers deduplicate on the fact id),
    /// else any permanent failure fails it. One outbox item per fact keeps every store's schema as it is.
    /// </summary>
    private async ValueTask<DeliveryResult> DeliverFactAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var fact = item.Fact ?? throw new InvalidOperationException($"Outbox item {item.Id} is a fact item without a fact.");
        if (_sinks.Length == 1)
        {
            return await _sinks[0].DeliverAsync(fact, cancellationToken).ConfigureAwait(false);
        }

        DeliveryResult? transient = null, failed = null;
        foreach (var sink in _sinks)
        {
            DeliveryResult result;
            try
            {
                result = await sink.DeliverAsync(fact, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                result = DeliveryResult.Transient($"{ex.GetType().Name}: {ex.Message}");
            }

            if (result.Status == DeliveryStatus.TransientFailure)
            {
                transient ??= result;
            }
            else if (result.Status != DeliveryStatus.Delivered)
            {
                failed ??= result;
            }
        }

        return transient ?? failed ?? DeliveryResult.Delivered();
    }

    private async ValueTask<DeliveryResult> SendMessageAsync(OutboxItem item, InvitationData? saved, CancellationToken cancellationToken)
    {
        var message = item.Message!;
        var invitation = saved ?? await _store.FindAsync(item.InvitationId, cancellationToken).ConfigureAwait(false);
        if (invitation is null || item.Sequence < invitation.SendCount || !InvitationStateMachine.IsPending(invitation.State))
        {
            // A resend superseded this message (its link is dead) or the invitation closed: sending it would only confuse.
            Log.MessageSuperseded(_logger, item.Id, item.InvitationId);
            return DeliveryResult.Delivered();
        }

        foreach (var sender in _senders)
        {
            if (sender.CanSend(message.Channel))
            {
                return await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }

        Log.NoSender(_logger, message.Channel, item.Id);
        return DeliveryResult.Transient($"no message sender accepts channel {message.Channel}");
    }

    private Duration RetryDelay(int attemptsSoFar, Duration? retryAfter)
    {
        var delivery = _options.Delivery;
        var baseDelay = delivery.RetrySchedule[attemptsSoFar];
        var jitter = 1 + (((delivery.Randomizer() * 2) - 1) * delivery.RetryJitter);
        var delay = Duration.FromTicks((long)(baseDelay.Ticks * jitter));
        // A peer's Retry-After never parks an item longer than the longest step of the host's own schedule: a
        // third-party sink answering "ten years" would otherwise hold back every later fact of the invitation.
        var longest = Duration.FromTimeSpan(delivery.RetrySchedule.Max());
        return retryAfter is { } asked && asked > delay ? (asked < longest ? asked : longest) : delay;
    }

    /// <summary>
    /// The id of the one INVITE_DELIVERY_FAILED fact of a message item: a name-based UUID (version 8) of the item's id,
    /// so every attempt to record it names the same fact. It cannot be the item's own id: a fact's outbox item carries
    /// the fact's id, and the message item holds that one.
    /// </summary>
    private static FactId DeliveryFailedFactId(OutboxItemId messageItem)
    {
        Span<byte> name = stackalloc byte[16 + 22];
        messageItem.Value.TryWriteBytes(name, bigEndian: true, out _);
        "INVITE_DELIVERY_FAILED"u8.CopyTo(name[16..]);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(name, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new FactId(new Guid(hash[..16], bigEndian: true));
    }

    private async Task RecordDeliveryFailureAsync(OutboxItem item, string error, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var current = await _store.FindAsync(item.InvitationId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return;
            }

            // One failure fact per message, with the message item's id: a crash between recording it and marking the
            // item failed delivers the message again, and must then find the fact instead of adding a second one.
            var factId = DeliveryFailedFactId(item.Id);
            if ((await _store.ListFactsAsync(item.InvitationId, cancellationToken).ConfigureAwait(false)).Any(f => f.Id == factId))
            {
                return;
            }

            var now = _clock.GetCurrentInstant();
            var t = Invitation.RecordDeliveryFailure(current, now, item.Message!.Channel, error, _facts);
            var fact = t.Fact with { Id = factId };
            var saved = await _store.UpdateAsync(t.Data, current.Version, OutboxItems.Of(fact, null, now), cancellationToken).ConfigureAwait(false);
            if (saved == StoreWriteStatus.Saved)
            {
                return;
            }
        }
    }
}
