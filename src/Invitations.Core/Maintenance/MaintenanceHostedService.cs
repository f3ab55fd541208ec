using Invitations.Diagnostics;
using Invitations.Links.Shortening;
using Invitations.Reminders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Invitations.Maintenance;

/// <summary>
/// Runs the reminder sweep, the expiry sweep, the retention purge and the short-link purge every <see cref="MaintenanceOptions.Interval"/>.
/// Safe on every instance of a many-machine deployment: concurrent sweeps are arbitrated by the store's versions,
/// purges by their batches. Ticks on the host's <see cref="TimeProvider"/>; does nothing on an instance where
/// <see cref="MaintenanceOptions.RunInBackground"/> is false.
/// </summary>
internal sealed class MaintenanceHostedService(
    InvitationMaintenance maintenance, ReminderSweep reminders, ShortLinkPurge shortLinks, IOptions<InvitationsOptions> options, TimeProvider time,
    GaugeRefresher gauges, ILogger<MaintenanceHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Maintenance;
        if (!settings.RunInBackground)
        {
            return;
        }

        // A periodic timer keeps the cadence (a slow run does not push every later one back) and runs once at start.
        using var timer = new PeriodicTimer(settings.Interval, time);
        do
        {
            try
            {
                // Reminders first: an invitation about to expire in this run still gets its last reminder's moment checked.
                await reminders.RemindDueAsync(stoppingToken).ConfigureAwait(false);
                await maintenance.ExpireDueAsync(stoppingToken).ConfigureAwait(false);
                await maintenance.PurgeRetainedAsync(stoppingToken).ConfigureAwait(false);
                await shortLinks.PurgeExpiredAsync(stoppingToken).ConfigureAwait(false);
                await gauges.RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.MaintenanceFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async ValueTask<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
