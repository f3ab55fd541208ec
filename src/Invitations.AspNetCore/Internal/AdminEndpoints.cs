using System.Globalization;
using Invitations.AspNetCore.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime.Text;

namespace Invitations.AspNetCore.Internal;

/// <summary>The admin API (cidaas's shape): create, get, change state, search, facts.</summary>
internal static class AdminEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("", CreateAsync).WithName("CreateInvitation").WithSummary("Invite a person (sends unless skip_send)")
            .AcceptsJson<CreateInvitationBody>()
            .Produces<CreateInvitationResponse>(StatusCodes.Status201Created)
            .Produces<CreateInvitationResponse>(StatusCodes.Status200OK)
            .WithProblems(400, 403, 409, 415, 422, 429);
        group.MapGet("{id}", GetAsync).WithName("GetInvitation").WithSummary("One invitation, with its version as ETag")
            .Produces<InvitationBody>(StatusCodes.Status200OK).WithProblems(404);
        group.MapPatch("{id}", ChangeStateAsync).WithName("ChangeInvitationState").WithSummary("Resend (status reinitiated) or revoke (status revoked); If-Match guards the version")
            .AcceptsJson<ChangeStateBody>()
            .Produces<InvitationBody>(StatusCodes.Status200OK).WithProblems(400, 403, 404, 409, 410, 412, 415, 429);
        group.MapGet("", SearchAsync).WithName("SearchInvitations").WithSummary("Filter invitations; keyset paging with next_cursor")
            .Produces<SearchPageBody>(StatusCodes.Status200OK).WithProblems(400);
        group.MapGet("{id}/facts", ListFactsAsync).WithName("ListInvitationFacts").WithSummary("The invitation's facts (webhook events), oldest first")
            .Produces<IReadOnlyList<InvitationFact>>(StatusCodes.Status200OK).WithProblems(404);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IInvitationManager manager, CancellationToken cancellationToken)
    {
        if (context.User.ToInvitationActor() is not { } actor)
        {
            return NoActor();
        }

        var (body, readError) = await HttpJson.ReadAsync<CreateInvitationBody>(context.Request, allowEmpty: false, cancellationToken).ConfigureAwait(false);
        if (readError is not null)
        {
            return readError.ToHttpResult();
        }

        var (request, error) = InviteRequestMapper.From(body!, actor, context.Request);
        if (error is not null)
        {
            return error.ToHttpResult();
        }

        var result = await manager.InviteAsync(request!, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result.Error.ToHttpResult();
        }

        var invite = result.Value;
        var response = new CreateInvitationResponse
        {
            Result = Wire.InviteStatus(invite.Status),
            Invitation = InvitationBody.From(invite.Invitation),
            // PingOne returns the link only to a caller who sends it themselves; every other answer omits it.
            Link = request!.SkipSend ? invite.Link : null,
        };
        context.Response.Headers.ETag = EntityTags.Of(invite.Invitation.Version);
        context.Response.Headers.CacheControl = "no-store";
        return invite.Status == InviteStatus.Created
            ? TypedResults.Json(response, HttpJson.Options, statusCode: StatusCodes.Status201Created).WithLocation(context, invite.Invitation.Id)
            : HttpJson.Ok(response);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, IInvitationManager manager, CancellationToken cancellationToken)
    {
        if (context.User.ToInvitationActor() is not { } actor)
        {
            return NoActor();
        }

        if (!InvitationId.TryParse(id, out var invitationId))
        {
            return NotFound();
        }

        var result = await manager.GetAsync(invitationId, actor, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result.Error.ToHttpResult();
        }

        context.Response.Headers.ETag = EntityTags.Of(result.Value.Version);
        return HttpJson.Ok(InvitationBody.From(result.Value));
    }

    private static async Task<IResult> ChangeStateAsync(string id, HttpContext context, IInvitationManager manager, CancellationToken cancellationToken)
    {
        if (context.User.ToInvitationActor() is not { } actor)
        {
            return NoActor();
        }

        var (body, readError) = await HttpJson.ReadAsync<ChangeStateBody>(context.Request, allowEmpty: false, cancellationToken).ConfigureAwait(false);
        if (readError is not null)
        {
            return readError.ToHttpResult();
        }

        var (expectedVersion, preconditionError) = EntityTags.ExpectedVersion(context.Request);
        if (preconditionError is not null)
        {
            return preconditionError.ToHttpResult();
        }

        if (!InvitationId.TryParse(id, out var invitationId))
        {
            return NotFound();
        }

        InvitationResult<InvitationSnapshot> result;
        switch (body!.Status)
        {
            case "reinitiated":
                var resent = await manager.ResendAsync(invitationId, actor, expectedVersion, cancellationToken).ConfigureAwait(false);
                result = resent.IsSuccess ? resent.Value.Invitation : resent.Error;
                break;
            case "revoked":
                result = await manager.RevokeAsync(invitationId, actor, expectedVersion, cancellationToken).ConfigureAwait(false);
                break;
            default:
                return new InvitationError(InvitationErrorCodes.FieldInvalid, "status must be \"reinitiated\" (resend) or \"revoked\" (revoke).") { Field = "status" }.ToHttpResult();
        }

        if (!result.IsSuccess)
        {
            return result.Error.ToHttpResult();
        }

        context.Response.Headers.ETag = EntityTags.Of(result.Value.Version);
        return HttpJson.Ok(InvitationBody.From(result.Value));
    }

    private static async Task<IResult> SearchAsync(HttpContext context, IInvitationManager manager, CancellationToken cancellationToken)
    {
        if (context.User.ToInvitationActor() is not { } actor)
        {
            return NoActor();
        }

        var (search, error) = ReadSearch(context.Request.Query);
        if (error is not null)
        {
            return error.ToHttpResult();
        }

        var result = await manager.FindAsync(search!, actor, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess
            ? HttpJson.Ok(new SearchPageBody { Items = [.. result.Value.Items.Select(InvitationBody.From)], NextCursor = result.Value.NextCursor })
            : result.Error.ToHttpResult();
    }

    private static async Task<IResult> ListFactsAsync(string id, HttpContext context, IInvitationManager manager, CancellationToken cancellationToken)
    {
        if (context.User.ToInvitationActor() is not { } actor)
        {
            return NoActor();
        }

        if (!InvitationId.TryParse(id, out var invitationId))
        {
            return NotFound();
        }

        var exists = await manager.GetAsync(invitationId, actor, cancellationToken).ConfigureAwait(false);
        if (!exists.IsSuccess)
        {
            return exists.Error.ToHttpResult();
        }

        var facts = await manager.ListFactsAsync(invitationId, actor, cancellationToken).ConfigureAwait(false);
        if (!facts.IsSuccess)
        {
            return facts.Error.ToHttpResult();
        }

        // The facts' own JSON (the webhook payload), so a receiver and this API read one format.
        var json = "[" + string.Join(",", facts.Value.Select(InvitationJson.SerializeFactToString)) + "]";
        return TypedResults.Text(json, "application/json");
    }

    private static (InvitationSearch? Search, InvitationError? Error) ReadSearch(IQueryCollection query)
    {
        var search = new InvitationSearch
        {
            Email = Text(query, "email"),
            InvitedBy = Text(query, "invited_by"),
            OrganizationId = Text(query, "organization_id"),
            Cursor = Text(query, "cursor"),
        };
        if (Text(query, "status") is { } status)
        {
            if (Wire.ParseState(status) is not { } state)
            {
                return (null, Invalid("status", "must be one of initiated, reinitiated, accepted, revoked, rejected, expired."));
            }

            search = search with { State = state };
        }

        foreach (var name in new[] { "created_from", "created_before" })
        {
            if (Text(query, name) is not { } text)
            {
                continue;
            }

            var parsed = InstantPattern.ExtendedIso.Parse(text);
            if (!parsed.Success)
            {
                return (null, Invalid(name, "must be an ISO-8601 UTC instant such as 2026-03-05T14:30:00Z."));
            }

            search = name == "created_from" ? search with { CreatedFrom = parsed.Value } : search with { CreatedBefore = parsed.Value };
        }

        if (Text(query, "page_size") is { } size)
        {
            if (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var pageSize))
            {
                return (null, Invalid("page_size", "must be a whole number."));
            }

            search = search with { PageSize = pageSize };
        }

        return (search, null);
    }

    private static string? Text(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } value ? value : null;

    private static InvitationError Invalid(string field, string why) =>
        new(InvitationErrorCodes.FieldInvalid, $"Field '{field}' is invalid: {why}") { Field = field };

    private static IResult NotFound() =>
        new InvitationError(InvitationErrorCodes.InvitationNotFound, "Invitation not found") { Field = "id" }.ToHttpResult();

    internal static IResult NoActor() =>
        new InvitationError(InvitationErrorCodes.Forbidden, "The signed-in user carries no id claim (NameIdentifier or sub).").ToHttpResult();

    private static IResult WithLocation(this IResult result, HttpContext context, InvitationId id)
    {
        context.Response.Headers.Location = $"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{id}";
        return result;
    }
}
