using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Invitations.Diagnostics;

/// <summary>
/// The library's metrics (<c>Meter</c> "Invitations") and traces (<c>ActivitySource</c> "Invitations").
/// OpenTelemetry collects both by name with no dependency on it here.
/// </summary>
internal sealed class InvitationsTelemetry : IDisposable
{
    public const string Name = "Invitations";
    public static readonly ActivitySource ActivitySource = new(Name, Internal.PackageVersion.Value);

    private readonly Meter _meter;

    public InvitationsTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name, Internal.PackageVersion.Value);
        Created = _meter.CreateCounter<long>("invitations.created", description: "Invitations created");
        Sent = _meter.CreateCounter<long>("invitations.sent", description: "Invitation messages delivered");
        Accepted = _meter.CreateCounter<long>("invitations.accepted", description: "Invitations accepted");
        Failed = _meter.CreateCounter<long>("invitations.failed", description: "Operations refused, by error code");
        Deliveries = _meter.CreateCounter<long>("invitations.deliveries", description: "Delivery attempts, by kind and outcome");
        DeliveryLatency = _meter.CreateHistogram<double>("invitations.delivery.latency", unit: "ms", description: "Time from save to successful delivery");
    }

    public Counter<long> Created { get; }

    public Counter<long> Sent { get; }

    public Counter<long> Accepted { get; }

    public Counter<long> Failed { get; }

    public Counter<long> Deliveries { get; }

    public Histogram<double> DeliveryLatency { get; }

    public void Dispose() => _meter.Dispose();
}
