using Invitations.AspNetCore.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace Invitations.AspNetCore.Identity.Internal;

/// <summary><c>POST /invitation/register</c>: one call from the registration form to an accepted invitation and its account.</summary>
internal static class RegistrationEndpoint
{
    public static RouteHandlerBuilder Map<TUser>(IEndpointRouteBuilder endpoints, string pattern, string rateLimiterPolicy)
        where TUser : IdentityUser =>
        endpoints.MapPost(pattern, RegisterAsync<TUser>)
            .WithTags("Invitations (invitee)").WithName("RegisterByInvitation").WithSummary("Create the account and accept the invitation, exactly once")
            .AllowAnonymous().RequireRateLimiting(rateLimiterPolicy)
            .AcceptsJson<RegistrationBody>()
            .Produces<RegistrationResponse>(StatusCodes.Status201Created).WithProblems(400, 403, 404, 409, 410, 415, 429)
            .AddEndpointFilter(static async (context, next) =>
            {
                // The body carries a live token and a password: the answer must never be cached nor leak its URL.
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                context.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
                return await next(context).ConfigureAwait(false);
            });

    private static async Task<IResult> RegisterAsync<TUser>(HttpContext context, IInvitationAccounts<TUser> accounts, CancellationToken cancellationToken)
        where TUser : IdentityUser
    {
        var (body, readError) = await HttpJson.ReadAsync<RegistrationBody>(context.Request, allowEmpty: false, cancellationToken).ConfigureAwait(false);
        if (readError is not null)
        {
            return readError.ToHttpResult();
        }

        var (token, tokenError) = TokenSource.Find(context, body?.InviteToken, body?.InviteId);
        if (tokenError is not null)
        {
            return tokenError.ToHttpResult();
        }

        var result = await accounts.RegisterAsync(
            new InvitationRegistration
            {
                Token = token!,
                Password = body?.Password ?? string.Empty,
                UserName = body?.UserName,
                GivenName = body?.GivenName,
                FamilyName = body?.FamilyName,
                RequestId = context.TraceIdentifier,
            },
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return result.ToHttpResult();
        }

        return TypedResults.Json(
            new RegistrationResponse { Sub = result.User.Id, InvitationId = result.Accepted?.Invitation.Id.ToString(), RedirectLink = result.Accepted?.RedirectLink },
            HttpJson.Options,
            statusCode: StatusCodes.Status201Created);
    }
}
