using Invitations;
using Invitations.Acceptance;
using Invitations.Authorization;
using Invitations.Automation;
using Invitations.Bulk;
using Invitations.Delivery;
using Invitations.Diagnostics;
using Invitations.Internal;
using Invitations.Inviting;
using Invitations.Links.Shortening;
using Invitations.Maintenance;
using Invitations.NewLinks;
using Invitations.Reminders;
using Invitations.Templates;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Invitations for .NET.</summary>
public static class InvitationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds one service per caller (<see cref="IInvitationManager"/> for administrators, <see cref="IInvitationRedemption"/>
    /// for token holders, <see cref="IBulkInvitations"/>, <see cref="IAutomaticInvitations"/>, <see cref="IInvitationErasure"/>),
    /// the background dispatcher and maintenance, and the in-memory defaults (store, sender, sink). Uses <c>TryAdd</c>
    /// throughout, so it can be called more than once and any adapter registered through the returned builder (or before)
    /// replaces a default. Options are validated at startup.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Configures <see cref="InvitationsOptions"/> (at least one client).</param>
    /// <returns>A builder for adapters: <c>.UseEntityFrameworkCore&lt;T&gt;()</c>, <c>.UseMailKit(...)</c>, <c>.UseWebhooks(...)</c>.</returns>
    public static InvitationsBuilder AddInvitations(this IServiceCollection services, Action<InvitationsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        // As AddHttpClient does: logging and options are the library's own dependencies, so it adds them (both are idempotent).
        services.AddLogging();
        var options = services.AddOptions<InvitationsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationsOptions>, InvitationsOptionsAttributeValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationsOptions>, InvitationsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationsOptions>, InvitationFeatureOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<InvitationsOptions>, TemplateFileLoader>());

        // One clock: the host's TimeProvider (or the system's); a host that registers a NodaTime IClock itself keeps it.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClock, TimeProviderClock>();
        services.TryAddSingleton<IInvitationStore, InMemoryInvitationStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookSink, InMemoryWebhookSink>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageSender, InMemoryMessageSender>());
        services.TryAddSingleton<OperationalSnapshot>();
        services.TryAddSingleton<InvitationsTelemetry>();
        services.TryAddSingleton<GaugeRefresher>();
        services.TryAddSingleton<DispatcherHeartbeat>();
        services.TryAddSingleton<Refusals>();

        // The catalog parses every template once per options instance (a cache shared by hosts built from the same options).
        services.TryAddSingleton(static sp => TemplateCatalogCache.For(sp.GetRequiredService<IOptions<InvitationsOptions>>().Value));
        services.TryAddSingleton<OutboxDispatcher>();
        services.TryAddSingleton<IInvitationAuthorizer, DefaultInvitationAuthorizer>();
        services.TryAddSingleton<InvitePipeline>();
        services.TryAddSingleton<InvitationMaintenance>();
        services.TryAddSingleton<ILinkShortener, StoreLinkShortener>();
        services.TryAddSingleton<IShortLinkResolver, ShortLinkResolver>();
        services.TryAddSingleton<ShortLinkPurge>();
        services.TryAddSingleton<ReminderSweep>();
        services.TryAddSingleton<NewLinkIssuer>();

        services.TryAddSingleton<IInvitationManager, InvitationManager>();
        services.TryAddSingleton<IInvitationRedemption, InvitationRedemption>();
        services.TryAddSingleton<IBulkInvitations, BulkInvitations>();
        services.TryAddSingleton<IAutomaticInvitations, AutomaticInvitations>();
        services.TryAddSingleton<IInvitationErasure, InvitationErasure>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DispatcherHostedService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MaintenanceHostedService>());
        return new InvitationsBuilder(services);
    }
}
