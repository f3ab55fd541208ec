using Invitations.Delivery;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Invitations.HealthChecks;

/// <summary>
/// The background dispatcher's loop beat within <see cref="HealthCheckOptions.DispatcherMissedPolls"/> poll intervals.
/// Healthy on an instance that does not run it (<see cref="DeliveryOptions.RunInBackground"/> false): another does.
/// </summary>
internal sealed class DispatcherHealthCheck(DispatcherHeartbeat heartbeat, IOptions<InvitationsOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        if (!o.Delivery.RunInBackground)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The background dispatcher does not run on this instance."));
        }

        var allowed = o.Delivery.PollInterval * o.HealthChecks.DispatcherMissedPolls;
        if (heartbeat.Last is not { } last)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "The background dispatcher has not started."));
        }

        var silent = time.GetUtcNow() - last;
        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["seconds_since_heartbeat"] = silent.TotalSeconds };
        return Task.FromResult(silent <= allowed
            ? HealthCheckResult.Healthy("The background dispatcher is running.", data)
            : new HealthCheckResult(context.Registration.FailureStatus, $"The background dispatcher has not gone round for {silent.TotalSeconds:0} s (allowed {allowed.TotalSeconds:0} s).", data: data));
    }
}
