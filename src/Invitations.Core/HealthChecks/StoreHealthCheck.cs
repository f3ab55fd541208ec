using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Invitations.HealthChecks;

/// <summary>The store answers a cheap call (a primary-key lookup of an id no invitation has) within <see cref="HealthCheckOptions.StoreTimeout"/>.</summary>
internal sealed class StoreHealthCheck(IInvitationStore store, IOptions<InvitationsOptions> options, TimeProvider time) : IHealthCheck
{
    private static readonly InvitationId Probe = new(Guid.Empty);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = options.Value.HealthChecks.StoreTimeout;
        using var limit = TimeoutSource.Create(timeout, time, cancellationToken);
        try
        {
            _ = await store.FindAsync(Probe, limit.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The invitation store answered.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The invitation store did not answer within {timeout}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The invitation store is not reachable.", ex);
        }
    }
}
