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
            // Each step on its own: one that fails (a store error, a bad row) is logged and the others still run, so a
            // reminder that keeps failing never stops expiry or the retention purge.
            // Reminders first: an invitation about to expire in this run still gets its last reminder's moment checked.
            if (!await RunAsync(ct => reminders.RemindDueAsync(ct), stoppingToken).ConfigureAwait(false)
                || !await RunAsync(ct => maintenance.ExpireDueAsync(ct), stoppingToken).ConfigureAwait(false)
                || !await RunAsync(ct => maintenance.PurgeRetainedAsync(ct), stoppingToken).ConfigureAwait(false)
                || !await RunAsync(ct => shortLinks.PurgeExpiredAsync(ct), stoppingToken).ConfigureAwait(false)
                || !await RunAsync(ct => gauges.RefreshAsync(ct), stoppingToken).ConfigureAwait(false))
            {
                return;
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Runs one step; false when the host is stopping, a step's fault is logged and the run goes on.</summary>
    private async ValueTask<bool> RunAsync(Func<CancellationToken, Task> step, CancellationToken stoppingToken)
    {
        try
        {
            await step(stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            Log.MaintenanceFailed(logger, ex);
            return true;
        }
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
