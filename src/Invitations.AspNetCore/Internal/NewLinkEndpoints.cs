using Invitations.AspNetCore.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Invitations.AspNetCore.Internal;

/// <summary>
/// "Send me a new link" at HTTP: <c>POST …/new-link</c> in the invitee group (anonymous, rate-limited, no-store). A JSON
/// body only: a cross-site form cannot send one, so the endpoint needs no antiforgery token and works beside
/// <c>UseAntiforgery()</c>. Every well-formed request gets the same 202 and body.
/// </summary>
internal static class NewLinkEndpoints
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("new-link", RequestAsync).WithName("RequestNewInvitationLink")
            .WithSummary("Send the invitation a new link (to the address it was delivered to); the same answer whether or not one matched")
            .AcceptsJson<NewLinkBody>()
            .Produces<NewLinkResponse>(StatusCodes.Status202Accepted).WithProblems(400, 403, 415, 429);

    private static async Task<IResult> RequestAsync(HttpContext context, IInvitationRedemption redemption, CancellationToken cancellationToken)
    {
        var (body, readError) = await HttpJson.ReadAsync<NewLinkBody>(context.Request, allowEmpty: false, cancellationToken).ConfigureAwait(false);
        if (readError is not null)
        {
            return readError.ToHttpResult();
        }

        if (body!.InviteToken is { Length: > 0 } a && body.InviteId is { Length: > 0 } b && !string.Equals(a, b, StringComparison.Ordinal))
        {
            // Never echo either value: both may be live tokens.
            return new InvitationError(InvitationErrorCodes.FieldInvalid, "The request carries two different invitation tokens.") { Field = "invite_token" }.ToHttpResult();
        }

        var request = new NewLinkRequest
        {
            Token = string.IsNullOrEmpty(body.InviteToken) ? body.InviteId : body.InviteToken,
            Address = body.Address,
            OrganizationId = body.OrganizationId,
        };
        var result = await redemption.RequestNewLinkAsync(request, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess
            ? TypedResults.Json(new NewLinkResponse { Message = result.Value.Message }, HttpJson.Options, statusCode: StatusCodes.Status202Accepted)
            : result.Error.ToHttpResult();
    }
}
