namespace Invitations;

/// <summary>
/// The stable error codes of every expected failure. Codes never change once shipped; messages may.
/// </summary>
public static class InvitationErrorCodes
{
    /// <summary>Neither an e-mail address nor a mobile number was given.</summary>
    public const string EmailMissing = "email_missing";

    /// <summary>An e-mail address is malformed or hostile.</summary>
    public const string EmailInvalid = "email_invalid";

    /// <summary>A mobile number is not a valid E.164 number.</summary>
    public const string MobileNumberInvalid = "mobile_number_invalid";

    /// <summary>A field is missing, too long, or contains forbidden characters (see <see cref="InvitationError.Field"/>).</summary>
    public const string FieldInvalid = "field_invalid";

    /// <summary>The template key is not registered.</summary>
    public const string TemplateNotFound = "template_not_found";

    /// <summary>The template failed while rendering (a loop, output or recursion limit was hit); nothing was written.</summary>
    public const string TemplateRenderFailed = "template_render_failed";

    /// <summary>The requested lifetime is outside the configured bounds.</summary>
    public const string LifetimeOutOfRange = "lifetime_out_of_range";

    /// <summary>The link target or redirect link is not on the allow-list (exact match).</summary>
    public const string RedirectNotAllowed = "redirect_not_allowed";

    /// <summary>The client id is not configured.</summary>
    public const string ClientNotFound = "client_not_found";

    /// <summary>The acting inviter lacks a role that may invite.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>The inviter reached the configured number of invitations per window.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>A resend came sooner than the configured cooldown allows.</summary>
    public const string ResendCooldown = "resend_cooldown";

    /// <summary>The invitation was resent the configured maximum number of times.</summary>
    public const string ResendLimitReached = "resend_limit_reached";

    /// <summary>A pending invitation to the same recipient exists and the duplicate policy is <c>Error</c>.</summary>
    public const string DuplicatePending = "duplicate_pending";

    /// <summary>The recipient is already a registered user (checked through <see cref="IUserDirectory"/>).</summary>
    public const string UserAlreadyRegistered = "user_already_registered";

    /// <summary>No invitation has this id (or the caller may not see it).</summary>
    public const string InvitationNotFound = "invitation_not_found";

    /// <summary>The token is unknown, tampered, superseded by a resend, revoked or rejected: one answer for all.</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary>The current token's invitation expired (only a holder of the current token learns this).</summary>
    public const string InvitationExpired = "invitation_expired";

    /// <summary>The current token's invitation was already accepted (only a holder of the current token learns this).</summary>
    public const string InvitationAlreadyAccepted = "invitation_already_accepted";

    /// <summary>The transition is not allowed from the invitation's current state.</summary>
    public const string InvalidStateTransition = "invalid_state_transition";

    /// <summary>The invitation changed since the caller read it (stale version), or a racing request won.</summary>
    public const string ConcurrencyConflict = "concurrency_conflict";

    /// <summary>Acceptance must use the invited e-mail address and used another.</summary>
    public const string SameEmailRequired = "same_email_required";

    /// <summary>The idempotency key was used before with a different request.</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    /// <summary>The idempotency key is empty, too long (over 255 characters) or has forbidden characters.</summary>
    public const string IdempotencyKeyInvalid = "idempotency_key_invalid";

    /// <summary>Registration: the password broke the account store's password rules (ASP.NET Core Identity's validators); nothing was created.</summary>
    public const string PasswordRejected = "password_rejected";

    /// <summary>Registration: an account with this user name or address exists already; nothing was created.</summary>
    public const string AccountExists = "account_exists";

    /// <summary>Registration: the account store refused the new account for another reason (an invalid user name, for example; see <see cref="InvitationError.Field"/>).</summary>
    public const string AccountRejected = "account_rejected";

    /// <summary>Registration: a role of the invitation does not exist in the account store and creating missing roles is off; nothing was created.</summary>
    public const string RoleNotFound = "role_not_found";
}
