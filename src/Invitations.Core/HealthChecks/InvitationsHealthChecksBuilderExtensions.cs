using Invitations;
using Invitations.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the library's health checks with the host's health check service.</summary>
public static class InvitationsHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds three checks (<see cref="InvitationsHealthCheckNames"/>): the store is reachable, the outbox backlog and the
    /// age of its oldest due item are under the thresholds of <see cref="InvitationsOptions.HealthChecks"/>, and the
    /// background dispatcher is alive. Call <c>AddInvitations()</c> on the services too.
    /// </summary>
    /// <param name="builder">The host's health checks builder.</param>
    /// <param name="tags">Tags for the three checks (for example <c>"ready"</c>), or null.</param>
    /// <param name="failureStatus">What a failed check reports; the default is <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddInvitations(this IHealthChecksBuilder builder, IEnumerable<string>? tags = null, HealthStatus? failureStatus = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var tagList = tags?.ToArray() ?? [];
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationsOptions>, HealthCheckOptionsValidator>());
        builder.Services.TryAddSingleton<StoreHealthCheck>();
        builder.Services.TryAddSingleton<OutboxHealthCheck>();
        builder.Services.TryAddSingleton<DispatcherHealthCheck>();
        return builder
            .Add(new HealthCheckRegistration(InvitationsHealthCheckNames.Store, static sp => sp.GetRequiredService<StoreHealthCheck>(), failureStatus, tagList))
            .Add(new HealthCheckRegistration(InvitationsHealthCheckNames.Outbox, static sp => sp.GetRequiredService<OutboxHealthCheck>(), failureStatus, tagList))
            .Add(new HealthCheckRegistration(InvitationsHealthCheckNames.Dispatcher, static sp => sp.GetRequiredService<DispatcherHealthCheck>(), failureStatus, tagList));
    }
}
