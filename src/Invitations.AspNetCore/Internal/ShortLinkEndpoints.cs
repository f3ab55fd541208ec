using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Invitations.AspNetCore.Internal;

/// <summary>
/// <c>GET {prefix}/{code}</c>: the built-in shortener's links. Side-effect free (a GET a link scanner may follow), a 302
/// to the invitation link, never cached and never sent on as a referrer (the location carries the token); an unknown,
/// malformed, superseded or expired code is the same 404, which says not which.
/// </summary>
internal static class ShortLinkEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.AddEndpointFilter(static async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            context.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
            return await next(context).ConfigureAwait(false);
        });
        group.MapGet("{code}", ResolveAsync).WithName("FollowInvitationShortLink").WithSummary("Redirects a short link to its invitation link; changes nothing")
            .Produces(StatusCodes.Status302Found).WithProblems(404, 429);
    }

    private static async Task<IResult> ResolveAsync(string code, IShortLinkResolver resolver, CancellationToken cancellationToken)
    {
        var link = await resolver.ResolveAsync(code, cancellationToken).ConfigureAwait(false);
        return link is null
            ? new InvitationError(InvitationErrorCodes.InvalidToken, "The link is not valid.").ToHttpResult()
            : TypedResults.Redirect(link);
    }
}
