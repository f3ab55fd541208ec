using Invitations;
using Invitations.Delivery;
using Invitations.Diagnostics;
using Invitations.InMemory;
using Invitations.Internal;
using Invitations.Operations;
using Invitations.Services;
using Invitations.Templates;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Invitations for .NET.</summary>
public static class InvitationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the invitation service, its background dispatcher and the in-memory defaults (store, sender,
    /// sink). Uses <c>TryAdd</c> throughout, so it can be called more than once and any adapter registered
    /// through the returned builder (or before) replaces a default. Options are validated at startup.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Configures <see cref="InvitationsOptions"/> (at least one client).</param>
    /// <returns>A builder for adapters: <c>.UseEntityFrameworkCore&lt;T&gt;()</c>, <c>.UseMailKit(...)</c>, <c>.UseWebhooks(...)</c>.</returns>
    public static InvitationsBuilder AddInvitations(this IServiceCollection services, Action<InvitationsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<InvitationsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationsOptions>, InvitationsOptionsAttributeValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationsOptions>, InvitationsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<InvitationsOptions>, TemplateFileLoader>());

        // One clock: the host's TimeProvider (or the system's); a host that registers a NodaTime IClock itself keeps it.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClock, TimeProviderClock>();
        services.TryAddSingleton<IInvitationStore, InMemoryInvitationStore>();
        services.TryAddSingleton<IWebhookSink, InMemoryWebhookSink>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageSender, InMemoryMessageSender>());
        services.TryAddSingleton(sp => new InvitationsTelemetry(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton(sp => TemplateCatalogCache.For(sp.GetRequiredService<IOptions<InvitationsOptions>>().Value));
        services.TryAddSingleton(sp => new OutboxDispatcher(
            sp.GetRequiredService<IInvitationStore>(),
            sp.GetServices<IMessageSender>(),
            sp.GetRequiredService<IWebhookSink>(),
            sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<IOptions<InvitationsOptions>>(),
            sp.GetRequiredService<InvitationsTelemetry>(),
            Logger<OutboxDispatcher>(sp)));
        services.TryAddSingleton<IInvitationService>(sp => new InvitationService(
            sp.GetRequiredService<IInvitationStore>(),
            sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<IOptions<InvitationsOptions>>(),
            sp.GetRequiredService<TemplateCatalog>(),
            sp.GetRequiredService<OutboxDispatcher>(),
            sp.GetRequiredService<InvitationsTelemetry>(),
            Logger<InvitationService>(sp),
            sp.GetService<IUserDirectory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DispatcherHostedService>(sp => new DispatcherHostedService(
            sp.GetRequiredService<OutboxDispatcher>(), sp.GetRequiredService<IOptions<InvitationsOptions>>(), sp.GetRequiredService<TimeProvider>(), Logger<DispatcherHostedService>(sp))));
        services.TryAddSingleton<IBulkInvitationRuns>(sp => new BulkInvitationRuns(
            sp.GetRequiredService<IInvitationService>(), sp.GetRequiredService<IClock>(), Logger<BulkInvitationRuns>(sp)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MaintenanceHostedService>(sp => new MaintenanceHostedService(
            sp.GetRequiredService<IInvitationService>(), sp.GetRequiredService<IOptions<InvitationsOptions>>(), sp.GetRequiredService<TimeProvider>(), Logger<MaintenanceHostedService>(sp))));
        return new InvitationsBuilder(services);
    }

    // Logging is optional: without AddLogging() the library logs nowhere instead of failing to resolve.
    private static ILogger<T> Logger<T>(IServiceProvider sp) =>
        (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<T>();
}
