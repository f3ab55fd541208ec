using Invitations.AspNetCore.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Invitations.AspNetCore.Internal;

/// <summary>The invitee API: preview (a side-effect-free GET), accept and reject (POST only).</summary>
internal static class RedemptionEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        // A token-bearing answer must not be cached nor leak its URL (the token may be in the query) to another site.
        group.AddEndpointFilter(static async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            context.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
            return await next(context).ConfigureAwait(false);
        });
        group.MapGet("", PreviewAsync).WithName("PreviewInvitation").WithSummary("What the registration page pre-fills; changes nothing")
            .Produces<PreviewBody>(StatusCodes.Status200OK).WithProblems(400, 404, 409, 410, 429);
        group.MapPost("accept", AcceptAsync).WithName("AcceptInvitation").WithSummary("Accept, exactly once")
            .AcceptsJson<AcceptBody>()
            .Produces<AcceptResponse>(StatusCodes.Status200OK).WithProblems(400, 401, 403, 404, 409, 410, 415, 429);
        group.MapPost("reject", RejectAsync).WithName("RejectInvitation").WithSummary("Decline the invitation")
            .AcceptsJson<TokenBody>()
            .Produces<StatusBody>(StatusCodes.Status200OK).WithProblems(400, 404, 409, 410, 415, 429);
    }

    private static async Task<IResult> PreviewAsync(HttpContext context, IInvitationRedemption redemption, CancellationToken cancellationToken)
    {
        var (token, error) = TokenSource.Find(context);
        if (error is not null)
        {
            return error.ToHttpResult();
        }

        var result = await redemption.PreviewAsync(token!, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? HttpJson.Ok(PreviewBody.From(result.Value)) : result.Error.ToHttpResult();
    }

    private static async Task<IResult> AcceptAsync(HttpContext context, IInvitationRedemption redemption, IOptions<InvitationEndpointOptions> options, CancellationToken cancellationToken)
    {
        var (body, readError) = await HttpJson.ReadAsync<AcceptBody>(context.Request, allowEmpty: true, cancellationToken).ConfigureAwait(false);
        if (readError is not null)
        {
            return readError.ToHttpResult();
        }

        var (token, tokenError) = TokenSource.Find(context, body?.InviteToken, body?.InviteId);
        if (tokenError is not null)
        {
            return tokenError.ToHttpResult();
        }

        var (subject, subjectError) = Subject(context, body?.Sub, options.Value.AllowSubjectFromBody);
        if (subjectError is not null)
        {
            return subjectError.ToHttpResult();
        }

        var result = await redemption.AcceptAsync(token!, new AcceptRequest(subject!) { Email = body?.Email }, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result.Error.ToHttpResult();
        }

        var accepted = result.Value;
        return HttpJson.Ok(new AcceptResponse
        {
            Id = accepted.Invitation.Id.ToString(),
            Status = Wire.State(accepted.Invitation.State),
            Sub = accepted.Invitation.AcceptedSubjectId,
            Groups = accepted.Groups,
            Roles = accepted.Roles,
            CustomFields = accepted.CustomFields,
            RedirectLink = accepted.RedirectLink,
        });
    }

    private static async Task<IResult> RejectAsync(HttpContext context, IInvitationRedemption redemption, CancellationToken cancellationToken)
    {
        var (body, readError) = await HttpJson.ReadAsync<TokenBody>(context.Request, allowEmpty: true, cancellationToken).ConfigureAwait(false);
        if (readError is not null)
        {
            return readError.ToHttpResult();
        }

        var (token, tokenError) = TokenSource.Find(context, body?.InviteToken, body?.InviteId);
        if (tokenError is not null)
        {
            return tokenError.ToHttpResult();
        }

        var result = await redemption.RejectAsync(token!, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess
            ? HttpJson.Ok(new StatusBody { Id = result.Value.Id.ToString(), Status = Wire.State(result.Value.State) })
            : result.Error.ToHttpResult();
    }

    /// <summary>The account the invitation is accepted into: the signed-in user's; the body's only when the host allows it.</summary>
    private static (string? Subject, InvitationError? Error) Subject(HttpContext context, string? fromBody, bool allowFromBody)
    {
        if (context.User.ToInvitationActor() is { } user)
        {
            return fromBody is null || string.Equals(fromBody, user.Id, StringComparison.Ordinal)
                ? (user.Id, null)
                : (null, new InvitationError(InvitationErrorCodes.Forbidden, "sub names another account than the signed-in user.") { Field = "sub" });
        }

        if (!allowFromBody)
        {
            return (null, new InvitationError(InvitationHttpErrorCodes.Unauthenticated, "Accepting an invitation needs a signed-in user."));
        }

        return string.IsNullOrWhiteSpace(fromBody)
            ? (null, new InvitationError(InvitationErrorCodes.FieldInvalid, "Field 'sub' is invalid: the account id is required.") { Field = "sub" })
            : (fromBody, null);
    }
}
