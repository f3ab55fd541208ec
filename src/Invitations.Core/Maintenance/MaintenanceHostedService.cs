using Invitations.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Invitations.Maintenance;

/// <summary>
/// Runs the expiry sweep and the retention purge every <see cref="InvitationsOptions.MaintenanceInterval"/>.
/// Safe on every instance of a many-machine deployment: concurrent sweeps are arbitrated by the store's versions,
/// purges by their batches.
/// </summary>
internal sealed class MaintenanceHostedService(
    InvitationMaintenance maintenance, IOptions<InvitationsOptions> options, ILogger<MaintenanceHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.MaintenanceInterval.ToTimeSpan();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await maintenance.ExpireDueAsync(stoppingToken).ConfigureAwait(false);
                await maintenance.PurgeRetainedAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.MaintenanceFailed(logger, ex);
            }

            try
            {
                await Task.Delay(interval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
