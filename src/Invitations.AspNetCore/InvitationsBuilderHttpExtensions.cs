using System.Threading.RateLimiting;
using Invitations;
using Invitations.AspNetCore;
using Invitations.AspNetCore.Internal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what <c>MapInvitations()</c> needs.</summary>
public static class InvitationsBuilderHttpExtensions
{
    /// <summary>
    /// Registers the endpoint options, the default admin authorization policy (an authenticated user with an inviter
    /// role) and the default invitee rate limiter policy (a fixed window per client address, answering 429 with a
    /// <c>rate_limited</c> problem). A policy the host names in the options replaces the default one.
    /// </summary>
    /// <param name="builder">The invitations builder.</param>
    /// <param name="configure">Sets the endpoint options.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder AddHttpEndpoints(this InvitationsBuilder builder, Action<InvitationEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<InvitationEndpointOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationEndpointOptions>, InvitationEndpointOptionsValidator>());
        options.ValidateOnStart();

        services.AddAuthorization();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, InviterRoleHandler>());
        services.AddOptions<AuthorizationOptions>().Configure(a =>
        {
            if (a.GetPolicy(InvitationEndpointOptions.DefaultAdminPolicy) is null)
            {
                a.AddPolicy(InvitationEndpointOptions.DefaultAdminPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new InviterRoleRequirement()));
            }
        });

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<InvitationEndpointOptions>>((r, endpointOptions) =>
        {
            var o = endpointOptions.Value;
            r.AddPolicy(InvitationEndpointOptions.DefaultRedemptionRateLimiterPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = o.RedemptionPermitLimit, Window = o.RedemptionWindow, QueueLimit = 0 }));
        });
        services.AddOptions<RateLimiterOptions>().PostConfigure(r =>
        {
            r.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The host's own rejection handler wins; without one, the rejection is a problem like every other answer.
            if (r.OnRejected is null)
            {
                r.OnRejected = RejectAsProblem;
            }
        });
        return builder;
    }

    private static ValueTask RejectAsProblem(OnRejectedContext context, CancellationToken cancellationToken) =>
        new(new InvitationError(InvitationErrorCodes.RateLimited, "Too many requests from this address; try again later.")
            .ToHttpResult().ExecuteAsync(context.HttpContext));
}
