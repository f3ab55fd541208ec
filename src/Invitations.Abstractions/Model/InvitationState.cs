namespace Invitations;

/// <summary>
/// The lifecycle state of an invitation (cidaas state names). <see cref="Accepted"/>,
/// <see cref="Revoked"/>, <see cref="Rejected"/> and <see cref="Expired"/> are terminal, except that
/// an expired invitation may be resent, which renews it.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Invitations.SnakeCaseEnumConverter<InvitationState>))]
public enum InvitationState
{
    /// <summary>Created and (unless <c>skipSend</c>) sent; waiting for the invitee.</summary>
    Initiated = 0,

    /// <summary>Resent at least once (the token was rotated); waiting for the invitee.</summary>
    Reinitiated = 1,

    /// <summary>The invitee accepted; the prepared groups, roles and fields were handed to the host. Terminal.</summary>
    Accepted = 2,

    /// <summary>An administrator cancelled the invitation. Terminal.</summary>
    Revoked = 3,

    /// <summary>The invitee declined the invitation. Terminal.</summary>
    Rejected = 4,

    /// <summary>
    /// The lifetime passed. A pending invitation whose <c>ExpiresAt</c> has passed is treated as expired
    /// everywhere even before the sweeper persists this state. Only a resend leaves it.
    /// </summary>
    Expired = 5,
}
