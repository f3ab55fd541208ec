using Invitations.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Invitations.Delivery;

/// <summary>
/// Runs the outbox dispatcher in the background: retries, and anything an inline dispatch left behind. Claims batch after
/// batch while there is work and waits <see cref="DeliveryOptions.PollInterval"/> on the host's <see cref="TimeProvider"/>
/// when there is none; does nothing on an instance where <see cref="DeliveryOptions.RunInBackground"/> is false.
/// </summary>
internal sealed class DispatcherHostedService(
    OutboxDispatcher dispatcher, IOptions<InvitationsOptions> options, TimeProvider time, DispatcherHeartbeat heartbeat, ILogger<DispatcherHostedService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Delivery.RunInBackground)
        {
            return;
        }

        var idle = options.Value.Delivery.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            heartbeat.Beat(time.GetUtcNow()); // the dispatcher health check's proof of life
            var claimed = 0;
            try
            {
                claimed = await dispatcher.DispatchAsync(null, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.DispatchFailed(logger, ex);
            }

            if (claimed == 0)
            {
                try
                {
                    await Task.Delay(idle, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
