using Invitations.AspNetCore;
using Invitations.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the invitation HTTP APIs as minimal APIs. Register their services first with <c>AddHttpEndpoints()</c>.</summary>
public static class InvitationEndpointRouteBuilderExtensions
{
    /// <summary>Maps the admin API under <c>/invitations</c>, the invitee API under <c>/invitation</c> and the short links under <c>/i</c>.</summary>
    /// <param name="endpoints">The application.</param>
    /// <returns>The route groups, for further conventions.</returns>
    public static InvitationEndpointGroups MapInvitations(this IEndpointRouteBuilder endpoints) =>
        new(endpoints.MapInvitationAdmin(), endpoints.MapInvitationRedemption(), endpoints.MapInvitationShortLinks());

    /// <summary>
    /// Maps the admin API under <paramref name="prefix"/>: <c>POST</c> create, <c>GET {id}</c> (with <c>ETag</c>),
    /// <c>PATCH {id}</c> (<c>{"status":"reinitiated"}</c> resends, <c>"revoked"</c> revokes; <c>If-Match</c> guards
    /// the version), <c>GET</c> search, <c>GET {id}/facts</c>. Every endpoint requires the options' admin policy.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="prefix">The route prefix. Default <c>/invitations</c>.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapInvitationAdmin(this IEndpointRouteBuilder endpoints, string prefix = "/invitations")
    {
        var options = Options(endpoints);
        var group = endpoints.MapGroup(prefix).WithTags("Invitations (admin)").RequireAuthorization(options.AdminPolicy);
        AdminEndpoints.Map(group);
        BulkEndpoints.Map(group);
        return group;
    }

    /// <summary>
    /// Maps the invitee API under <paramref name="prefix"/>: <c>GET</c> preview (side-effect free), <c>POST accept</c>,
    /// <c>POST reject</c>, <c>POST new-link</c> (when <c>NewLinks.Enabled</c>; the same 202 whether or not an invitation matched). Anonymous, rate-limited by the options' policy (the host calls <c>app.UseRateLimiter()</c>),
    /// answered with <c>Cache-Control: no-store</c> and <c>Referrer-Policy: no-referrer</c>. The token is read from the
    /// query (<c>invite_token</c> or <c>invite_id</c>), the <c>invite_id</c> header, or the body.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="prefix">The route prefix. Default <c>/invitation</c>.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapInvitationRedemption(this IEndpointRouteBuilder endpoints, string prefix = "/invitation")
    {
        var options = Options(endpoints);
        var group = endpoints.MapGroup(prefix).WithTags("Invitations (invitee)").AllowAnonymous().RequireRateLimiting(options.RedemptionRateLimiterPolicy);
        RedemptionEndpoints.Map(group);
        NewLinkEndpoints.Map(group);
        return group;
    }

    /// <summary>
    /// Maps the built-in shortener's links under <paramref name="prefix"/>: <c>GET {prefix}/{code}</c> answers 302 to the
    /// invitation link, or 404 for any code that leads nowhere (unknown, expired, superseded). Side-effect free, anonymous,
    /// rate-limited by the invitee policy, with <c>Cache-Control: no-store</c> and <c>Referrer-Policy: no-referrer</c>.
    /// Set <c>Links.ShortLinkBaseUrl</c> to the absolute URL of this prefix with a trailing <c>/</c>.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="prefix">The route prefix. Default <c>/i</c>.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapInvitationShortLinks(this IEndpointRouteBuilder endpoints, string prefix = "/i")
    {
        var options = Options(endpoints);
        var group = endpoints.MapGroup(prefix).WithTags("Invitations (short links)").AllowAnonymous().RequireRateLimiting(options.RedemptionRateLimiterPolicy);
        ShortLinkEndpoints.Map(group);
        return group;
    }

    private static InvitationEndpointOptions Options(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.ServiceProvider.GetService<IOptions<InvitationEndpointOptions>>()?.Value
            ?? throw new InvalidOperationException("Call services.AddInvitations().AddHttpEndpoints() before mapping the invitation endpoints.");
    }
}
