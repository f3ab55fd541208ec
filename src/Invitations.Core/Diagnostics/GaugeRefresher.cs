using Microsoft.Extensions.Logging;
using NodaTime;

namespace Invitations.Diagnostics;

/// <summary>
/// Reads the store's statistics once per maintenance run into the <see cref="OperationalSnapshot"/> the gauges
/// report: one cheap store call a minute by default, however often the metrics are scraped.
/// </summary>
internal sealed class GaugeRefresher(IInvitationStore store, IClock clock, InvitationsTelemetry telemetry, ILogger<GaugeRefresher> logger)
{
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        InvitationStoreStats? stats;
        try
        {
            stats = await store.GetStatsAsync(now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Gauges are best effort: the store check reports an unreachable store; the last values stay.
            Log.MaintenanceFailed(logger, ex);
            return;
        }

        if (stats is not null)
        {
            telemetry.Snapshot.Update(stats, now);
        }
    }
}
