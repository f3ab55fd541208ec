namespace Invitations.Errors;

/// <summary>The library's error catalogue: one stable code, one human message (the seeds' wording where they have one).</summary>
internal static class InvitationErrors
{
    public static InvitationError EmailMissing() =>
        new(InvitationErrorCodes.EmailMissing, "Email Parameter is missing") { Field = "email" };

    public static InvitationError EmailInvalid(string field) =>
        new(InvitationErrorCodes.EmailInvalid, "Email Input is in incorrect format") { Field = field };

    public static InvitationError MobileNumberInvalid() =>
        new(InvitationErrorCodes.MobileNumberInvalid, "Mobile number is not a valid international (E.164) number") { Field = "mobile_number" };

    public static InvitationError FieldInvalid(string field, string why) =>
        new(InvitationErrorCodes.FieldInvalid, $"Field '{field}' is invalid: {why}") { Field = field };

    public static InvitationError TemplateNotFound() =>
        new(InvitationErrorCodes.TemplateNotFound, "invalid template key used to invite user") { Field = "invite_template_key" };

    public static InvitationError TemplateRenderFailed(string detail) =>
        new(InvitationErrorCodes.TemplateRenderFailed, $"The invitation template could not be rendered: {detail}") { Field = "invite_template_key" };

    public static InvitationError LifetimeOutOfRange(NodaTime.Duration min, NodaTime.Duration max) =>
        new(InvitationErrorCodes.LifetimeOutOfRange, $"Lifetime must be between {min} and {max}") { Field = "lifetime" };

    public static InvitationError RedirectNotAllowed(string field) =>
        new(InvitationErrorCodes.RedirectNotAllowed, "The URL is not on the client's allow-list") { Field = field };

    public static InvitationError ClientNotFound() =>
        new(InvitationErrorCodes.ClientNotFound, "Unknown client") { Field = "client_id" };

    public static InvitationError Forbidden() =>
        new(InvitationErrorCodes.Forbidden, "Insufficient Permission");

    public static InvitationError Forbidden(string reason) =>
        new(InvitationErrorCodes.Forbidden, $"Insufficient Permission: {reason}");

    public static InvitationError RateLimited() =>
        new(InvitationErrorCodes.RateLimited, "The inviter has reached the invitation limit; try again later");

    public static InvitationError ResendCooldown() =>
        new(InvitationErrorCodes.ResendCooldown, "The invitation was sent moments ago; wait before resending");

    public static InvitationError ResendLimitReached() =>
        new(InvitationErrorCodes.ResendLimitReached, "The invitation has been resent the maximum number of times");

    public static InvitationError DuplicatePending() =>
        new(InvitationErrorCodes.DuplicatePending, "A pending invitation for this recipient already exists");

    public static InvitationError UserAlreadyRegistered() =>
        new(InvitationErrorCodes.UserAlreadyRegistered, "The recipient is already a registered user");

    public static InvitationError NotFound() =>
        new(InvitationErrorCodes.InvitationNotFound, "Invitation not found");

    public static InvitationError InvalidToken() =>
        new(InvitationErrorCodes.InvalidToken, "The invitation link is invalid");

    public static InvitationError ConcurrencyConflict() =>
        new(InvitationErrorCodes.ConcurrencyConflict, "The invitation was changed by another request; reload and retry");

    public static InvitationError SameEmailRequired() =>
        new(InvitationErrorCodes.SameEmailRequired, "Registration must use the invited email address") { Field = "email" };

    public static InvitationError IdempotencyKeyReused() =>
        new(InvitationErrorCodes.IdempotencyKeyReused, "The idempotency key was already used with a different request") { Field = "idempotency_key" };

    public static InvitationError IdempotencyKeyInvalid() =>
        new(InvitationErrorCodes.IdempotencyKeyInvalid, "The idempotency key must be 1 to 255 printable ASCII characters") { Field = "idempotency_key" };

    /// <summary>The error for a table cell's code (state-machine outcomes).</summary>
    public static InvitationError ForCode(string code) => code switch
    {
        InvitationErrorCodes.InvalidToken => InvalidToken(),
        InvitationErrorCodes.InvitationExpired => new(code, "The invitation has expired"),
        InvitationErrorCodes.InvitationAlreadyAccepted => new(code, "The invitation was already accepted"),
        InvitationErrorCodes.SameEmailRequired => SameEmailRequired(),
        InvitationErrorCodes.InvalidStateTransition => new(code, "The operation is not allowed in the invitation's current state"),
        _ => new(code, code),
    };
}
