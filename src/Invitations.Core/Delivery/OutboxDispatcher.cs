using Invitations.Diagnostics;
using Invitations.Domain;
using Invitations.Facts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Delivery;

/// <summary>
/// Delivers outbox items: facts to the <see cref="IWebhookSink"/>, messages to the last registered
/// <see cref="IMessageSender"/> that accepts their channel. At least once, in order per invitation and
/// kind (the store only hands out the head of each queue), with bounded, jittered retries. Many
/// dispatchers may share one store: items are leased, never double-claimed.
/// </summary>
internal sealed class OutboxDispatcher
{
    private const int MaxInlineRounds = 8;
    private readonly IInvitationStore _store;
    private readonly IMessageSender[] _senders;
    private readonly IWebhookSink _sink;
    private readonly IClock _clock;
    private readonly InvitationsOptions _options;
    private readonly FactFactory _facts;
    private readonly InvitationsTelemetry _telemetry;
    private readonly ILogger _logger;

    public OutboxDispatcher(
        IInvitationStore store, IEnumerable<IMessageSender> senders, IWebhookSink sink, IClock clock,
        IOptions<InvitationsOptions> options, InvitationsTelemetry telemetry, ILogger<OutboxDispatcher> logger)
    {
        _store = store;
        _senders = senders.Reverse().ToArray(); // last registered first
        _sink = sink;
        _clock = clock;
        _options = options.Value;
        _facts = new FactFactory(_options.Links.FactUrlTemplate);
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>The lease owner name of this dispatcher (unique per instance).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

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
            await DeliverAsync(item, cancellationToken).ConfigureAwait(false);
        }

        return items.Count;
    }

    private async Task DeliverAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        DeliveryResult result;
        try
        {
            result = item.Kind == OutboxItemKind.Fact
                ? await _sink.DeliverAsync(item.Fact!, cancellationToken).ConfigureAwait(false)
                : await SendMessageAsync(item, cancellationToken).ConfigureAwait(false);
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
                await _store.CompleteOutboxAsync(item.Id, Owner, now, cancellationToken).ConfigureAwait(false);
                _telemetry.DeliveryLatency.Record((now - item.CreatedAt).TotalMilliseconds, new KeyValuePair<string, object?>("kind", item.Kind.ToString()));
                if (item.Kind == OutboxItemKind.Message)
                {
                    _telemetry.Sent.Add(1);
                }

                break;
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
    }

    private async ValueTask<DeliveryResult> SendMessageAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var message = item.Message!;
        var invitation = await _store.FindAsync(item.InvitationId, cancellationToken).ConfigureAwait(false);
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
        return retryAfter is { } asked && asked > delay ? asked : delay;
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

            var now = _clock.GetCurrentInstant();
            var t = Invitation.RecordDeliveryFailure(current, now, item.Message!.Channel, error, _facts);
            var saved = await _store.UpdateAsync(t.Data!, current.Version, OutboxItems.Of(t.Fact, null, now), cancellationToken).ConfigureAwait(false);
            if (saved == StoreWriteResult.Saved)
            {
                return;
            }
        }
    }
}
