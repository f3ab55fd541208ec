using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Invitations.Diagnostics;

/// <summary>
/// The library's metrics (<c>Meter</c> <see cref="InvitationsInstrumentation.MeterName"/>) and traces
/// (<c>ActivitySource</c> <see cref="InvitationsInstrumentation.ActivitySourceName"/>), both versioned with the package.
/// OpenTelemetry collects both by name with no dependency on it here. Durations are histograms in seconds; the gauges
/// read the <see cref="OperationalSnapshot"/> the maintenance loop refreshes, never the store.
/// </summary>
internal sealed class InvitationsTelemetry : IDisposable
{
    public const string Name = InvitationsInstrumentation.ActivitySourceName;
    public static readonly ActivitySource ActivitySource = new(Name, Internal.PackageVersion.Value);

    private readonly Meter _meter;

    public InvitationsTelemetry(IMeterFactory? meterFactory = null, OperationalSnapshot? snapshot = null)
    {
        _meter = meterFactory?.Create(InvitationsInstrumentation.MeterName, Internal.PackageVersion.Value)
            ?? new Meter(InvitationsInstrumentation.MeterName, Internal.PackageVersion.Value);
        Snapshot = snapshot ?? new OperationalSnapshot();
        Created = _meter.CreateCounter<long>("invitations.created", "{invitation}", "Invitations created, by channel");
        Sent = _meter.CreateCounter<long>("invitations.sent", "{message}", "Invitation messages delivered, by channel");
        Accepted = _meter.CreateCounter<long>("invitations.accepted", "{invitation}", "Invitations accepted");
        Failed = _meter.CreateCounter<long>("invitations.failed", "{operation}", "Operations refused, by error code");
        Deliveries = _meter.CreateCounter<long>("invitations.deliveries", "{delivery}", "Delivery attempts of outbox items, by kind and outcome");
        DeliveryLatency = _meter.CreateHistogram<double>("invitations.delivery.latency", "s", "Time from saving an outbox item to its successful delivery");
        OperationDuration = _meter.CreateHistogram<double>(
            "invitations.operation.duration", "s", "Duration of invite, resend, revoke, preview, accept and reject, by operation and outcome");
        DeliveryDuration = _meter.CreateHistogram<double>(
            "invitations.delivery.duration", "s", "Duration of one call to a message sender or a webhook sink, by kind, channel and outcome");
        _meter.CreateObservableGauge(
            "invitations.outbox.backlog", () => Observe(static e => e.Stats.DueOutboxItems), "{item}", "Outbox items due and not yet delivered");
        _meter.CreateObservableGauge(
            "invitations.outbox.oldest_due.age",
            () => Observe(static e => e.Stats.OldestDueAt is { } due && e.At > due ? (e.At - due).TotalSeconds : 0d),
            "s",
            "How long the oldest due outbox item has waited for delivery");
        _meter.CreateObservableGauge(
            "invitations.pending", () => Observe(static e => e.Stats.PendingInvitations), "{invitation}", "Invitations pending and not expired");
    }

    /// <summary>The statistics the gauges report.</summary>
    public OperationalSnapshot Snapshot { get; }

    public Counter<long> Created { get; }

    public Counter<long> Sent { get; }

    public Counter<long> Accepted { get; }

    public Counter<long> Failed { get; }

    public Counter<long> Deliveries { get; }

    public Histogram<double> DeliveryLatency { get; }

    public Histogram<double> OperationDuration { get; }

    public Histogram<double> DeliveryDuration { get; }

    /// <summary>Starts an operation's span (<c>invitations.{operation}</c>) and clock; stop it once with the outcome.</summary>
    public OperationScope Start(string operation) =>
        new(this, operation, ActivitySource.HasListeners() ? ActivitySource.StartActivity(OperationNames.SpanOf(operation)) : null);

    public void Dispose() => _meter.Dispose();

    private Measurement<T>[] Observe<T>(Func<OperationalSnapshot.Entry, T> read)
        where T : struct =>
        Snapshot.Last is { } last ? [new Measurement<T>(read(last))] : [];
}
