using Microsoft.AspNetCore.Routing;

namespace Invitations.AspNetCore;

/// <summary>The route groups <c>MapInvitations()</c> maps, for adding conventions (CORS, filters, tags) to each.</summary>
public sealed class InvitationEndpointGroups
{
    internal InvitationEndpointGroups(RouteGroupBuilder admin, RouteGroupBuilder redemption, RouteGroupBuilder shortLinks)
    {
        Admin = admin;
        Redemption = redemption;
        ShortLinks = shortLinks;
    }

    /// <summary>The admin API: create, get, change state, search, facts.</summary>
    public RouteGroupBuilder Admin { get; }

    /// <summary>The invitee API: preview, accept, reject, new link.</summary>
    public RouteGroupBuilder Redemption { get; }

    /// <summary>The built-in shortener's links (<c>GET /i/{code}</c>).</summary>
    public RouteGroupBuilder ShortLinks { get; }
}
