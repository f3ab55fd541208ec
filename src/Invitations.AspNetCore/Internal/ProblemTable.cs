using Microsoft.AspNetCore.Http;

namespace Invitations.AspNetCore.Internal;

/// <summary>One HTTP status and title per error code: the only place the HTTP mapping lives.</summary>
internal static class ProblemTable
{
    /// <summary>The prefix of every problem's <c>type</c>: a URN, stable and never a dead link (RFC 9457 §3.1.1).</summary>
    public const string TypePrefix = "urn:invitations:problem:";

    private static readonly Dictionary<string, (int Status, string Title)> Entries = new(StringComparer.Ordinal)
    {
        [InvitationErrorCodes.EmailMissing] = (StatusCodes.Status400BadRequest, "Email Parameter is missing"),
        [InvitationErrorCodes.EmailInvalid] = (StatusCodes.Status400BadRequest, "Email Input is in incorrect format"),
        [InvitationErrorCodes.MobileNumberInvalid] = (StatusCodes.Status400BadRequest, "Mobile number is not valid"),
        [InvitationErrorCodes.FieldInvalid] = (StatusCodes.Status400BadRequest, "A field is not valid"),
        [InvitationErrorCodes.TemplateNotFound] = (StatusCodes.Status400BadRequest, "invalid template key used to invite user"),
        [InvitationErrorCodes.TemplateRenderFailed] = (StatusCodes.Status400BadRequest, "The invitation template could not be rendered"),
        [InvitationErrorCodes.LifetimeOutOfRange] = (StatusCodes.Status400BadRequest, "The lifetime is out of range"),
        [InvitationErrorCodes.RedirectNotAllowed] = (StatusCodes.Status400BadRequest, "The link target or redirect is not allowed"),
        [InvitationErrorCodes.ClientNotFound] = (StatusCodes.Status400BadRequest, "Unknown client"),
        [InvitationErrorCodes.IdempotencyKeyInvalid] = (StatusCodes.Status400BadRequest, "The idempotency key is not valid"),
        [InvitationErrorCodes.Forbidden] = (StatusCodes.Status403Forbidden, "Forbidden"),
        [InvitationErrorCodes.SameEmailRequired] = (StatusCodes.Status403Forbidden, "Registration must use the invited email address"),
        [InvitationErrorCodes.InvitationNotFound] = (StatusCodes.Status404NotFound, "Invitation not found"),
        [InvitationErrorCodes.InvalidToken] = (StatusCodes.Status404NotFound, "Invitation not found"),
        [InvitationErrorCodes.DuplicatePending] = (StatusCodes.Status409Conflict, "A pending invitation exists"),
        [InvitationErrorCodes.UserAlreadyRegistered] = (StatusCodes.Status409Conflict, "The user is already registered"),
        [InvitationErrorCodes.InvitationAlreadyAccepted] = (StatusCodes.Status409Conflict, "The invitation is already accepted"),
        [InvitationErrorCodes.InvalidStateTransition] = (StatusCodes.Status409Conflict, "The invitation is not in a state that allows this"),
        [InvitationErrorCodes.InvitationExpired] = (StatusCodes.Status410Gone, "The invitation has expired"),
        [InvitationErrorCodes.ConcurrencyConflict] = (StatusCodes.Status412PreconditionFailed, "The invitation changed meanwhile"),
        [InvitationErrorCodes.IdempotencyKeyReused] = (StatusCodes.Status422UnprocessableEntity, "The idempotency key was used for another request"),
        [InvitationErrorCodes.RateLimited] = (StatusCodes.Status429TooManyRequests, "Too many requests"),
        [InvitationErrorCodes.ResendCooldown] = (StatusCodes.Status429TooManyRequests, "Resent too recently"),
        [InvitationErrorCodes.ResendLimitReached] = (StatusCodes.Status429TooManyRequests, "Resend limit reached"),
        [InvitationErrorCodes.PasswordRejected] = (StatusCodes.Status400BadRequest, "The password does not meet the password rules"),
        [InvitationErrorCodes.AccountRejected] = (StatusCodes.Status400BadRequest, "The account cannot be created"),
        [InvitationErrorCodes.AccountExists] = (StatusCodes.Status409Conflict, "An account with this user name or address exists"),
        [InvitationErrorCodes.RoleNotFound] = (StatusCodes.Status409Conflict, "A role of the invitation does not exist"),
        [InvitationHttpErrorCodes.InvalidJson] = (StatusCodes.Status400BadRequest, "Input JSON is not valid"),
        [InvitationHttpErrorCodes.UnsupportedContentType] = (StatusCodes.Status415UnsupportedMediaType, "Content Type is not specified or specified incorrectly"),
        [InvitationHttpErrorCodes.PreconditionInvalid] = (StatusCodes.Status412PreconditionFailed, "If-Match does not name a version of this invitation"),
        [InvitationHttpErrorCodes.Unauthenticated] = (StatusCodes.Status401Unauthorized, "Sign in first"),
    };

    /// <summary>Every mapped code.</summary>
    public static IEnumerable<string> Codes => Entries.Keys;

    /// <summary>Every status an endpoint of this API can answer with a problem.</summary>
    public static IEnumerable<int> Statuses => Entries.Values.Select(e => e.Status).Distinct();

    /// <summary>The status and title of <paramref name="code"/>; an unknown code (a newer Core) is a 400 titled by its code.</summary>
    public static (int Status, string Title) Lookup(string code) =>
        Entries.TryGetValue(code, out var entry) ? entry : (StatusCodes.Status400BadRequest, code);
}
