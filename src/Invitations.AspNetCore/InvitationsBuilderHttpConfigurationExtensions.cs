using Invitations;
using Invitations.AspNetCore;
using Invitations.Configuration;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what <c>MapInvitations()</c> needs, with the endpoint options bound from configuration.</summary>
public static class InvitationsBuilderHttpConfigurationExtensions
{
    /// <summary>
    /// As <see cref="InvitationsBuilderHttpExtensions.AddHttpEndpoints(InvitationsBuilder, Action{InvitationEndpointOptions})"/>, with
    /// <see cref="InvitationEndpointOptions"/> bound from <paramref name="configuration"/> (for example the section
    /// <c>Invitations:Http</c>: <c>AdminPolicy</c>, <c>RedemptionRateLimiterPolicy</c>, <c>RedemptionPermitLimit</c>,
    /// <c>RedemptionWindow</c> as <c>00:01:00</c> or <c>PT1M</c>, <c>AllowSubjectFromBody</c>).
    /// </summary>
    /// <param name="builder">The invitations builder.</param>
    /// <param name="configuration">The section holding the endpoint settings.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder AddHttpEndpoints(this InvitationsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.AddHttpEndpoints();
        builder.Services.AddOptions<InvitationEndpointOptions>().BindReplacingCollections(configuration);
        return builder;
    }
}
