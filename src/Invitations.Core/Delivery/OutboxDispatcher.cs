using Invitations.Diagnostics;
using Invitations.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Delivery;

/// <summary>
/// Delivers outbox items: facts to every registered <see cref="IWebhookSink"/> (the in-memory sink only when no other
/// is registered) and <see cref="IInvitationFactHandler"/>, each on its own lane when there are several (see
/// <see cref="FactReceivers"/>), messages to the last registered <see cref="IMessageSender"/> that accepts their
/// channel. At least once, in order per invitation, kind and lane (the store only hands out the head of each queue, so
/// one batch never holds two items of one queue and its items may be delivered concurrently), with bounded, jittered
/// retries. Many dispatchers may share one store: items are leased, never double-claimed.
/// </summary>
internal sealed partial class OutboxDispatcher
{
    private const int MaxInlineRounds = 8;
    private readonly IInvitationStore _store;
    private readonly IMessageSender[] _senders;
    private readonly FactReceivers _receivers;
    private readonly IClock _clock;
    private readonly InvitationsOptions _options;
    private readonly FactFactory _facts;
    private readonly InvitationsTelemetry _telemetry;
    private readonly ILogger _logger;

    public OutboxDispatcher(
        IInvitationStore store, IEnumerable<IMessageSender> senders, IEnumerable<IWebhookSink> sinks, IEnumerable<IInvitationFactHandler> handlers,
        IClock clock, IOptions<InvitationsOptions> options, InvitationsTelemetry telemetry, ILogger<OutboxDispatcher> logger)
    {
        _store = store;
        _senders = senders.Reverse().ToArray(); // last registered first
        var all = sinks.ToArray();

        // The in-memory sink is the default a real sink replaces, as the in-memory sender is: it would only keep every fact in memory.
        _receivers = new FactReceivers(
            all.Any(static s => s is not InMemoryWebhookSink) ? all.Where(static s => s is not InMemoryWebhookSink).ToArray() : all,
            handlers.ToArray());
        _clock = clock;
        _options = options.Value;
        _facts = new FactFactory(_options.Links.FactUrlTemplate);
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>The lease owner name of this dispatcher (unique per instance).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>The host's fact receivers and how facts map to lanes.</summary>
    internal FactReceivers Receivers => _receivers;

    /// <summary>
    /// The items to save for a write's facts and messages: each fact once per receiver lane when the host has several
    /// (unchanged otherwise). Every write of outbox items goes through it, so a fact always reaches every lane.
    /// </summary>
    public IReadOnlyList<OutboxItem> WithLanes(IReadOnlyList<OutboxItem> outbox) => _receivers.Expand(outbox);

    /// <summary>
    /// Saves a new invitation; with inline dispatch on, the store leases its new items to this dispatcher in the same
    /// write, so <see cref="DispatchSavedAsync(SavedWrite, CancellationToken)"/> delivers them without a claim.
    /// </summary>
    public async ValueTask<SavedWrite> CreateAsync(InvitationData invitation, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken)
    {
        outbox = _receivers.Expand(outbox);
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
        outbox = _receivers.Expand(outbox);
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
            await DeliverAndCompleteAsync(saved.Leased, invitation, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Claims one batch (optionally of one invitation) in one store call, delivers it with at most
    /// <see cref="DeliveryOptions.MaxConcurrency"/> deliveries in flight, and completes the delivered items in one store
    /// call. Returns how many items were claimed.
    /// </summary>
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
        using var batch = items.Count == 0 ? null : InvitationsTelemetry.ActivitySource.StartActivity("invitations.dispatch")?.SetTag(TelemetryTags.BatchSize, items.Count);
        await DeliverAndCompleteAsync(items, invitation: null, cancellationToken).ConfigureAwait(false);
        return items.Count;
    }

    /// <summary>
    /// Delivers leased items, at most <see cref="DeliveryOptions.MaxConcurrency"/> at a time, and completes the delivered
    /// ones in one store call (releases and failures are recorded per item as they happen). The items head distinct
    /// queues (a claim or a save leases one head per invitation, kind and lane), so concurrency never reorders a queue.
    /// Deliveries start in the items' order; one that completes synchronously finishes before the next starts.
    /// </summary>
    private async Task DeliverAndCompleteAsync(IReadOnlyList<OutboxItem> items, InvitationData? invitation, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        var delivered = new List<OutboxItemId>(items.Count);
        var max = _options.Delivery.MaxConcurrency;
        try
        {
            if (items.Count == 1 || max <= 1)
            {
                foreach (var item in items)
                {
                    if (await DeliverAsync(item, invitation, cancellationToken).ConfigureAwait(false))
                    {
                        delivered.Add(item.Id);
                    }
                }
            }
            else
            {
                await DeliverConcurrentlyAsync(items, invitation, max, delivered, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Even when the batch was cut short (a shutdown, a fault): what was delivered is completed, or its lease would
            // lapse and it would be delivered again.
            if (delivered.Count > 0)
            {
                await _store.CompleteOutboxAsync(delivered, Owner, _clock.GetCurrentInstant(), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Delivers the items with at most <paramref name="max"/> in flight, adding the delivered ones to
    /// <paramref name="delivered"/>. On cancellation it starts no more items but waits for those already running, so
    /// their outcome is known before the caller completes them.
    /// </summary>
    private async Task DeliverConcurrentlyAsync(
        IReadOnlyList<OutboxItem> items, InvitationData? invitation, int max, List<OutboxItemId> delivered, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(max, max);
        var running = new List<Task>(items.Count);
        try
        {
            foreach (var item in items)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                running.Add(DeliverInSlotAsync(item));
            }
        }
        finally
        {
            // Never leave a running delivery behind the semaphore's disposal: each one releases its slot when it ends.
            await Task.WhenAll(running).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();

        async Task DeliverInSlotAsync(OutboxItem item)
        {
            try
            {
                if (await DeliverAsync(item, invitation, cancellationToken).ConfigureAwait(false))
                {
                    lock (delivered)
                    {
                        delivered.Add(item.Id);
                    }
                }
            }
            finally
            {
                slots.Release();
            }
        }
    }

    /// <summary>
    /// Delivers one leased item and records a failure (release or fail); the caller completes delivered items, with
    /// others, in one call. Returns whether it was delivered. <paramref name="invitation"/> is the invitation as just
    /// saved, or null to read it.
    /// </summary>
    private async Task<bool> DeliverAsync(OutboxItem item, InvitationData? invitation, CancellationToken cancellationToken)
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
        if (result.Status == DeliveryStatus.Delivered)
        {
            _telemetry.DeliveryLatency.Record((now - item.CreatedAt).TotalSeconds, new KeyValuePair<string, object?>("kind", item.Kind.ToString()));
            if (item.Kind == OutboxItemKind.Message)
            {
                _telemetry.Sent.Add(1, new KeyValuePair<string, object?>("channel", item.Message is { } m ? TelemetryTags.ChannelName(m.Channel) : null));
            }

            return true;
        }

        await RecordFailureAsync(item, result, now, cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>
    /// Records a delivery that did not succeed: released to be tried again on the schedule, or failed for good (with the
    /// message's <c>INVITE_DELIVERY_FAILED</c>). A store error here is logged, not thrown: the item's lease lapses and it
    /// is tried again, and the other items of the batch (delivered ones included) are still completed.
    /// </summary>
    private async Task RecordFailureAsync(OutboxItem item, DeliveryResult result, Instant now, CancellationToken cancellationToken)
    {
        try
        {
            if (result.Status == DeliveryStatus.TransientFailure && item.Attempts < _options.Delivery.RetrySchedule.Count)
            {
                var due = now + RetryDelay(item.Attempts, result.RetryAfter);
                Log.DeliveryRetry(_logger, item.Kind, item.Id, item.InvitationId, item.Attempts + 1, due, result.Detail ?? "unknown");
                await _store.ReleaseOutboxAsync(item.Id, Owner, due, result.Detail, cancellationToken).ConfigureAwait(false);
                return;
            }

            var error = result.Detail is { Length: > 0 } d ? d : "delivery failed";
            Log.DeliveryGaveUp(_logger, item.Kind, item.Id, item.InvitationId, item.Attempts + 1, error);
            if (item.Kind == OutboxItemKind.Message)
            {
                await RecordDeliveryFailureAsync(item, error, cancellationToken).ConfigureAwait(false);
            }

            await _store.FailOutboxAsync(item.Id, Owner, now, error, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.DispatchFailed(_logger, ex);
        }
    }

    /// <summary>
    /// Delivers a fact item: on a named lane to that lane's receiver alone; on the empty lane (one receiver, or an item
    /// saved before lanes) to every receiver in registration order, reporting the worst answer (any transient failure
    /// retries the item and receivers that took it see it again; else any permanent failure fails it).
    /// </summary>
    private async ValueTask<DeliveryResult> DeliverFactAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var fact = item.Fact ?? throw new InvalidOperationException($"Outbox item {item.Id} is a fact item without a fact.");
        if (item.Lane.Length != 0)
        {
            return await DeliverOnLaneAsync(item, fact, item.Lane, cancellationToken).ConfigureAwait(false);
        }

        var sinks = _receivers.Sinks;
        if (sinks.Count == 1 && _receivers.Handlers.Count == 0)
        {
            return await GuardAsync(sinks[0], item, fact, lane: null, cancellationToken).ConfigureAwait(false);
        }

        DeliveryResult? transient = null, failed = null;
        foreach (var sink in sinks)
        {
            Note(await GuardAsync(sink, item, fact, lane: null, cancellationToken).ConfigureAwait(false));
        }

        foreach (var handler in _receivers.Handlers)
        {
            Note(await Handle(handler, fact, cancellationToken).ConfigureAwait(false));
        }

        return transient ?? failed ?? DeliveryResult.Delivered();

        void Note(DeliveryResult result)
        {
            if (result.Status == DeliveryStatus.TransientFailure)
            {
                transient ??= result;
            }
            else if (result.Status != DeliveryStatus.Delivered)
            {
                failed ??= result;
            }
        }
    }

    private async ValueTask<DeliveryResult> DeliverOnLaneAsync(OutboxItem item, InvitationFact fact, string lane, CancellationToken cancellationToken)
    {
        if (lane == FactReceivers.NoLane)
        {
            return DeliveryResult.Delivered();
        }

        DeliveryResult result;
        if (_receivers.SinkOf(lane) is { } sink)
        {
            result = await GuardAsync(sink, item, fact, lane, cancellationToken).ConfigureAwait(false);
        }
        else if (_receivers.HandlerOf(lane) is { } handler)
        {
            result = await Handle(handler, fact, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Saved while a receiver of that name was registered (or by an instance that has it): retried on the
            // schedule, so an instance being deployed with it still delivers, and given up for this lane alone.
            result = DeliveryResult.Transient("no webhook sink or fact handler of this host has this lane");
        }

        return result.Detail is null ? result : result with { Detail = $"lane '{lane}': {result.Detail}" };
    }

    /// <summary>
    /// A sink's answer (on one lane, or for all of it) in its own span (parented on the trace that saved the item), with a
    /// throw other than the dispatcher's own cancellation as a transient failure.
    /// </summary>
    private async ValueTask<DeliveryResult> GuardAsync(IWebhookSink sink, OutboxItem item, InvitationFact fact, string? lane, CancellationToken cancellationToken)
    {
        var span = DeliveryScope.Webhook(_telemetry, item, sink);
        try
        {
            var result = lane is null
                ? await sink.DeliverAsync(fact, cancellationToken).ConfigureAwait(false)
                : await sink.DeliverAsync(fact, lane, cancellationToken).ConfigureAwait(false);
            span.Stop(result);
            return result;
        }
        catch (Exception ex)
        {
            span.Stop(ex);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return DeliveryResult.Transient($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static async ValueTask<DeliveryResult> Handle(IInvitationFactHandler handler, InvitationFact fact, CancellationToken cancellationToken)
    {
        try
        {
            await handler.HandleAsync(fact, cancellationToken).ConfigureAwait(false);
            return DeliveryResult.Delivered();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"{ex.GetType().Name}: {ex.Message}");
        }
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
                var span = DeliveryScope.Send(_telemetry, item);
                try
                {
                    var sent = await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
                    span.Stop(sent);
                    return sent;
                }
                catch (Exception ex)
                {
                    span.Stop(ex);
                    throw;
                }
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
            var fact = t.Fact with { Envelope = t.Fact.Envelope with { Id = factId } };
            var saved = await _store.UpdateAsync(t.Data, current.Version, _receivers.Expand(OutboxItems.Of(fact, null, now)), cancellationToken).ConfigureAwait(false);
            if (saved == StoreWriteStatus.Saved)
            {
                return;
            }
        }
    }
}
