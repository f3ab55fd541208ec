using System.Diagnostics;

namespace Invitations.Diagnostics;

/// <summary>
/// The span and duration of one call to a sender (<c>invitations.send</c>) or a webhook sink (<c>invitations.webhook</c>).
/// Its parent is the trace context stored with the outbox item (the request that caused it), so a background delivery
/// continues that trace; the dispatcher's batch span, when it is another trace, is linked.
/// </summary>
internal readonly struct DeliveryScope
{
    private readonly InvitationsTelemetry _telemetry;
    private readonly OutboxItemKind _kind;
    private readonly string? _channel;
    private readonly long _started;

    private DeliveryScope(InvitationsTelemetry telemetry, OutboxItemKind kind, string? channel, Activity? activity)
    {
        _telemetry = telemetry;
        _kind = kind;
        _channel = channel;
        Activity = activity;
        _started = Stopwatch.GetTimestamp();
    }

    public Activity? Activity { get; }

    /// <summary>Starts the span of sending <paramref name="item"/>'s message.</summary>
    public static DeliveryScope Send(InvitationsTelemetry telemetry, OutboxItem item)
    {
        var channel = item.Message is { } m ? TelemetryTags.ChannelName(m.Channel) : null;
        var activity = Start("invitations.send", item);
        activity?.SetTag(TelemetryTags.Channel, channel);
        return new(telemetry, OutboxItemKind.Message, channel, activity);
    }

    /// <summary>Starts the span of delivering <paramref name="item"/>'s fact to <paramref name="sink"/>.</summary>
    public static DeliveryScope Webhook(InvitationsTelemetry telemetry, OutboxItem item, IWebhookSink sink)
    {
        var activity = Start("invitations.webhook", item);
        activity?.SetTag(TelemetryTags.Sink, sink.GetType().Name);
        return new(telemetry, OutboxItemKind.Fact, null, activity);
    }

    /// <summary>Ends the call: status Error (with the delivery status as <c>error.type</c>) unless delivered.</summary>
    public void Stop(DeliveryResult result) => Stop(result.Status == DeliveryStatus.Delivered ? null : result.Status.ToString());

    /// <summary>Ends a call that threw.</summary>
    public void Stop(Exception exception) => Stop(exception.GetType().FullName ?? exception.GetType().Name);

    private void Stop(string? errorType)
    {
        var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var kind = new KeyValuePair<string, object?>(TelemetryTags.Kind, TelemetryTags.KindName(_kind));
        var outcome = new KeyValuePair<string, object?>(TelemetryTags.Outcome, errorType is null ? TelemetryTags.Success : TelemetryTags.Failure);
        _telemetry.DeliveryDuration.Record(seconds, kind, outcome, new(TelemetryTags.Channel, _channel));
        if (errorType is not null && Activity is { } failed)
        {
            failed.SetTag(TelemetryTags.ErrorType, errorType);
            failed.SetStatus(ActivityStatusCode.Error, errorType);
        }

        Activity?.Dispose();
    }

    private static Activity? Start(string name, OutboxItem item)
    {
        var source = InvitationsTelemetry.ActivitySource;
        if (!source.HasListeners())
        {
            return null;
        }

        var current = Activity.Current;
        Activity? activity;
        if (TraceContext.TryParse(item.TraceParent, out var stored) && (current is null || current.TraceId != stored.TraceId))
        {
            // Delivered in the background: continue the causing request's trace, linked from the dispatcher's batch.
            ActivityLink[]? links = current is null ? null : [new ActivityLink(current.Context)];
            activity = source.StartActivity(name, ActivityKind.Client, stored, tags: null, links);
        }
        else
        {
            activity = source.StartActivity(name, ActivityKind.Client);
        }

        activity?.SetTag(TelemetryTags.InvitationId, item.InvitationId.ToString());
        activity?.SetTag(TelemetryTags.OutboxItemId, item.Id.ToString());
        return activity;
    }
}
