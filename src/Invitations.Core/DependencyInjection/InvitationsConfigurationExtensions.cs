using Invitations;
using Invitations.Configuration;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Invitations for .NET with its options bound from configuration (<c>appsettings.json</c>, environment, …).</summary>
public static class InvitationsConfigurationExtensions
{
    /// <summary>
    /// As <see cref="InvitationsServiceCollectionExtensions.AddInvitations(IServiceCollection, Action{InvitationsOptions})"/>,
    /// with <see cref="InvitationsOptions"/> bound from <paramref name="configuration"/> (for example
    /// <c>builder.Configuration.GetSection("Invitations")</c>), reloaded when it changes. Keys follow the groups:
    /// <c>Links:Clients:web:InitiateLoginUri</c>, <c>Lifetime:Default</c>, <c>Delivery:RetrySchedule:0</c>, …. A duration
    /// is written <c>7.00:00:00</c> or ISO-8601 <c>P7D</c>; a list given in configuration replaces its default (so
    /// <c>"Inviters": { "Roles": ["owner"] }</c> admits only <c>owner</c>); templates are registered with
    /// <c>Templates:Files</c> (key, channel, locale, a directory or files).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The section holding the options.</param>
    /// <returns>A builder for adapters.</returns>
    /// <remarks>
    /// What configuration cannot express (for example <see cref="DeliveryOptions.Randomizer"/>) is set afterwards with
    /// <c>services.Configure&lt;InvitationsOptions&gt;(o =&gt; …)</c>, which runs after the binding.
    /// </remarks>
    public static InvitationsBuilder AddInvitations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddInvitations();
        _ = services.AddOptions<InvitationsOptions>().BindReplacingCollections(configuration);
        return builder;
    }

    /// <summary>
    /// As <see cref="AddInvitations(IServiceCollection, IConfiguration)"/>, for the section at
    /// <paramref name="configSectionPath"/> (for example <c>"Invitations"</c>) of the host's registered
    /// <see cref="IConfiguration"/>, the way <c>OptionsBuilder.BindConfiguration</c> reads it.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configSectionPath">The path of the section, <c>:</c>-separated.</param>
    /// <returns>A builder for adapters.</returns>
    public static InvitationsBuilder AddInvitations(this IServiceCollection services, string configSectionPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configSectionPath);
        var builder = services.AddInvitations();
        _ = services.AddOptions<InvitationsOptions>().BindReplacingCollections(configSectionPath);
        return builder;
    }
}
