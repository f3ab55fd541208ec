using System.Globalization;
using Invitations.AspNetCore.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Invitations.AspNetCore.Internal;

/// <summary>Bulk runs on the admin group (SailPoint's task shape): start (202 + Location), status, cancel.</summary>
internal static class BulkEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("runs", StartAsync).WithName("StartInvitationRun").WithSummary("Invite many people in a background run")
            .AcceptsJson<StartRunBody>()
            .Produces<TaskStatusBody>(StatusCodes.Status202Accepted).WithProblems(400, 403, 415);
        group.MapGet("runs/{runId}", GetAsync).WithName("GetInvitationRun").WithSummary("The run's task status")
            .Produces<TaskStatusBody>(StatusCodes.Status200OK).WithProblems(404);
        group.MapPost("runs/{runId}/cancel", CancelAsync).WithName("CancelInvitationRun").WithSummary("Stop a running run")
            .Produces<TaskStatusBody>(StatusCodes.Status200OK).WithProblems(404, 409);
    }

    private static async Task<IResult> StartAsync(HttpContext context, IBulkInvitations bulk, CancellationToken cancellationToken)
    {
        if (context.User.ToInvitationActor() is not { } actor)
        {
            return AdminEndpoints.NoActor();
        }

        var (body, readError) = await HttpJson.ReadAsync<StartRunBody>(context.Request, allowEmpty: false, cancellationToken).ConfigureAwait(false);
        if (readError is not null)
        {
            return readError.ToHttpResult();
        }

        if (body!.Invitations is not { Count: > 0 } items)
        {
            return new InvitationError(InvitationErrorCodes.FieldInvalid, "Field 'invitations' is invalid: at least one invitation is required.") { Field = "invitations" }.ToHttpResult();
        }

        // Every item's wire form is checked before the run starts, so a typo never leaves half a run behind.
        var requests = new List<InviteRequest>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var (request, error) = InviteRequestMapper.From(items[i], actor, context.Request, readIdempotencyHeader: false);
            if (error is not null)
            {
                return (error with { Field = string.Create(CultureInfo.InvariantCulture, $"invitations[{i}]{(error.Field is null ? "" : "." + error.Field)}") }).ToHttpResult();
            }

            requests.Add(request!);
        }

        var runId = await bulk.StartRunAsync(requests.ToAsyncEnumerable(), new BulkInviteOptions { ExpectedCount = requests.Count }, cancellationToken).ConfigureAwait(false);
        var run = await bulk.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        context.Response.Headers.Location = $"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(runId)}";
        return run is null
            ? TypedResults.Accepted((string?)null)
            : TypedResults.Json(TaskStatusBody.From(run), HttpJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> GetAsync(string runId, IBulkInvitations bulk, CancellationToken cancellationToken)
    {
        var run = await bulk.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        return run is null ? RunNotFound() : HttpJson.Ok(TaskStatusBody.From(run));
    }

    private static async Task<IResult> CancelAsync(string runId, IBulkInvitations bulk, CancellationToken cancellationToken)
    {
        if (!await bulk.CancelRunAsync(runId, cancellationToken).ConfigureAwait(false))
        {
            var existing = await bulk.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
            return existing is null
                ? RunNotFound()
                : new InvitationError(InvitationErrorCodes.InvalidStateTransition, "The run has already completed.").ToHttpResult();
        }

        var run = await bulk.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        return run is null ? RunNotFound() : HttpJson.Ok(TaskStatusBody.From(run));
    }

    private static IResult RunNotFound() =>
        new InvitationError(InvitationErrorCodes.InvitationNotFound, "No bulk run has this id.") { Field = "run_id" }.ToHttpResult();
}
