using Microsoft.AspNetCore.Routing;

namespace Invitations.AspNetCore;

/// <summary>The two route groups <c>MapInvitations()</c> maps, for adding conventions (CORS, filters, tags) to each.</summary>
public sealed class InvitationEndpointGroups
{
    internal InvitationEndpointGroups(RouteGroupBuilder admin, RouteGroupBuilder redemption)
    {
        Admin = admin;
        Redemption = redemption;
    }

    /// <summary>The admin API: create, get, change state, search, facts.</summary>
    public RouteGroupBuilder Admin { get; }

    /// <summary>The invitee API: preview, accept, reject.</summary>
    public RouteGroupBuilder Redemption { get; }
}
