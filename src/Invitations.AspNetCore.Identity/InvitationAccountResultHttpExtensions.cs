using Invitations.AspNetCore.Identity.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Invitations.AspNetCore.Identity;

/// <summary>Turns a failed registration into an RFC 9457 problem, for hosts with endpoints or pages of their own.</summary>
public static class InvitationAccountResultHttpExtensions
{
    /// <summary>
    /// The problem for a failed <paramref name="result"/>: the one Invitations.AspNetCore gives its error
    /// (<see cref="InvitationErrorHttpExtensions.ToProblemDetails(InvitationError)"/>: status, <c>type</c>, <c>code</c>,
    /// <c>field</c>), plus, when Identity reported errors, the member <c>errors</c> mapping each field (<c>password</c>,
    /// <c>user_name</c>, <c>email</c>) to Identity's messages, as <see cref="ValidationProblemDetails"/> does, and
    /// <c>identity_errors</c> with Identity's codes (<c>PasswordTooShort</c>, <c>DuplicateUserName</c>, …).
    /// </summary>
    /// <typeparam name="TUser">The Identity user type.</typeparam>
    /// <param name="result">A failed result.</param>
    /// <returns>A new problem details object.</returns>
    /// <exception cref="InvalidOperationException">The result succeeded.</exception>
    public static ProblemDetails ToProblemDetails<TUser>(this InvitationAccountResult<TUser> result)
        where TUser : class
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Succeeded)
        {
            throw new InvalidOperationException("A successful registration has no problem.");
        }

        var problem = result.Error.ToProblemDetails();
        if (result.IdentityErrors.Count > 0)
        {
            problem.Extensions["errors"] = IdentityErrorFields.Group(result.IdentityErrors);
            problem.Extensions["identity_errors"] = result.IdentityErrors.Select(e => new Dictionary<string, string>(StringComparer.Ordinal) { ["code"] = e.Code, ["description"] = e.Description }).ToArray();
        }

        return problem;
    }

    /// <summary>The problem for a failed <paramref name="result"/> (see <see cref="ToProblemDetails{TUser}"/>) as a result an endpoint returns.</summary>
    /// <typeparam name="TUser">The Identity user type.</typeparam>
    /// <param name="result">A failed result.</param>
    /// <returns>A result writing <c>application/problem+json</c> with the code's status.</returns>
    public static IResult ToHttpResult<TUser>(this InvitationAccountResult<TUser> result)
        where TUser : class => TypedResults.Problem(result.ToProblemDetails());
}
