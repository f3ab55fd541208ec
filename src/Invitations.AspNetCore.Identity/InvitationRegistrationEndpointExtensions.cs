using Invitations.AspNetCore;
using Invitations.AspNetCore.Identity.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the register-by-invitation endpoint. Register its services first with <c>AddHttpEndpoints()</c> and <c>AddIdentityAccounts&lt;TUser&gt;()</c>.</summary>
public static class InvitationRegistrationEndpointExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c>: a JSON body <c>{"invite_id": token, "password": …, "username"?,
    /// "given_name"?, "family_name"?}</c> (the token may also come from the query or the <c>invite_id</c> header, as for
    /// the invitee API) creates the account and accepts the invitation; <c>201</c> with <c>{"sub", "invite_id",
    /// "redirect_link"}</c>, or an RFC 9457 problem (<c>password_rejected</c> with per-field <c>errors</c>, 400;
    /// <c>account_exists</c>, 409; the invitee API's codes). Anonymous, rate-limited by the invitee policy,
    /// <c>Cache-Control: no-store</c>.
    /// </summary>
    /// <typeparam name="TUser">The Identity user type registered with <c>AddIdentityAccounts&lt;TUser&gt;()</c>.</typeparam>
    /// <param name="endpoints">The application.</param>
    /// <param name="pattern">The route. Default <c>/invitation/register</c>.</param>
    /// <returns>The endpoint, for further conventions.</returns>
    public static RouteHandlerBuilder MapInvitationRegistration<TUser>(this IEndpointRouteBuilder endpoints, string pattern = "/invitation/register")
        where TUser : IdentityUser
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetService<IOptions<InvitationEndpointOptions>>()?.Value
            ?? throw new InvalidOperationException("Call services.AddInvitations().AddHttpEndpoints() before mapping the invitation endpoints.");
        return RegistrationEndpoint.Map<TUser>(endpoints, pattern, options.RedemptionRateLimiterPolicy);
    }
}
