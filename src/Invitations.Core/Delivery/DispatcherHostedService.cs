using Invitations.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Invitations.Delivery;

/// <summary>Runs the outbox dispatcher in the background: retries, and anything an inline dispatch left behind.</summary>
internal sealed class DispatcherHostedService(
    OutboxDispatcher dispatcher, IOptions<InvitationsOptions> options, ILogger<DispatcherHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = options.Value.DispatchPollInterval.ToTimeSpan();
        while (!stoppingToken.IsCancellationRequested)
        {
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
                    await Task.Delay(idle, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
