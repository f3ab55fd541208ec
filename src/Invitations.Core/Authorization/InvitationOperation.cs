namespace Invitations;

/// <summary>What an actor asks to do, as passed to <see cref="IInvitationAuthorizer"/>.</summary>
public enum InvitationOperation
{
    /// <summary>Create an invitation granting <see cref="InvitationAuthorizationContext.Groups"/> and <see cref="InvitationAuthorizationContext.Roles"/>.</summary>
    Invite = 0,

    /// <summary>Resend an existing invitation: rotates its token and hands the new link back to the actor.</summary>
    Resend = 1,

    /// <summary>Revoke an existing invitation.</summary>
    Revoke = 2,

    /// <summary>Read an existing invitation: <c>GetAsync</c>, each item of a <c>FindAsync</c> page, and the invitation a duplicate-pending re-invite would reuse.</summary>
    Read = 3,

    /// <summary>List the facts emitted for an invitation (<see cref="InvitationAuthorizationContext.Invitation"/> is null when it no longer exists).</summary>
    ListFacts = 4,
}
