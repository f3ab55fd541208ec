using Invitations.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Invitations.AspNetCore;

/// <summary>Turns an <see cref="InvitationError"/> into an RFC 9457 problem, for hosts with endpoints of their own.</summary>
public static class InvitationErrorHttpExtensions
{
    /// <summary>
    /// The problem for <paramref name="error"/>: the status of its code (400 validation, 403 forbidden, 404 not found,
    /// 409 conflict, 410 expired, 412 version, 422 idempotency reuse, 429 limits), <c>type</c>
    /// <c>urn:invitations:problem:&lt;code&gt;</c>, the error's message as <c>detail</c>, and the extension members
    /// <c>code</c> and, when the error names one, <c>field</c>.
    /// </summary>
    /// <param name="error">The error.</param>
    /// <returns>A new problem details object.</returns>
    public static ProblemDetails ToProblemDetails(this InvitationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (status, title) = ProblemTable.Lookup(error.Code);
        var problem = new ProblemDetails
        {
            Type = ProblemTable.TypePrefix + error.Code,
            Title = title,
            Status = status,
            Detail = error.Message,
        };
        problem.Extensions["code"] = error.Code;
        if (error.Field is not null)
        {
            problem.Extensions["field"] = error.Field;
        }

        return problem;
    }

    /// <summary>The problem for <paramref name="error"/> (see <see cref="ToProblemDetails"/>) as a result an endpoint returns.</summary>
    /// <param name="error">The error.</param>
    /// <returns>A result writing <c>application/problem+json</c> with the code's status.</returns>
    public static IResult ToHttpResult(this InvitationError error) => TypedResults.Problem(error.ToProblemDetails());
}
