using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.HealthChecks;

/// <summary>
/// The outbox backlog (due items) and how long the oldest due item has waited, against
/// <see cref="HealthCheckOptions"/>'s Degraded and Unhealthy thresholds; the worse of the two wins.
/// </summary>
internal sealed class OutboxHealthCheck(IInvitationStore store, IClock clock, IOptions<InvitationsOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value.HealthChecks;
        var now = clock.GetCurrentInstant();
        InvitationStoreStats? stats;
        using (var limit = TimeoutSource.Create(settings.StoreTimeout, time, cancellationToken))
        {
            try
            {
                stats = await store.GetStatsAsync(now, limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"The outbox statistics did not arrive within {settings.StoreTimeout}.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "The outbox statistics could not be read.", ex);
            }
        }

        if (stats is null)
        {
            return HealthCheckResult.Healthy("The store does not report outbox statistics.");
        }

        var age = stats.OldestDueAt is { } due && now > due ? (now - due).ToTimeSpan() : TimeSpan.Zero;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["due_items"] = stats.DueOutboxItems,
            ["oldest_due_age_seconds"] = age.TotalSeconds,
            ["pending_invitations"] = stats.PendingInvitations,
        };
        var status = Worse(
            Level(stats.DueOutboxItems >= settings.BacklogUnhealthy, stats.DueOutboxItems >= settings.BacklogDegraded, context),
            Level(age >= settings.OldestDueUnhealthy, age >= settings.OldestDueDegraded, context));
        var description = $"{stats.DueOutboxItems} outbox item(s) due; the oldest has waited {age.TotalSeconds:0} s.";
        return new HealthCheckResult(status, description, data: data);
    }

    private static HealthStatus Level(bool unhealthy, bool degraded, HealthCheckContext context) =>
        unhealthy ? context.Registration.FailureStatus : degraded ? HealthStatus.Degraded : HealthStatus.Healthy;

    private static HealthStatus Worse(HealthStatus a, HealthStatus b) => a < b ? a : b;
}
