namespace Invitations.WebApp.Pages;

/// <summary>What the invitation page shows for a link.</summary>
public enum InviteView
{
    /// <summary>The registration form, pre-filled from the invitation.</summary>
    Register,

    /// <summary>The invitation is for an address that has an account: sign in first (a <c>view_type=login</c> link).</summary>
    SignInFirst,

    /// <summary>Someone is signed in as the invited address: accept into that account.</summary>
    SignedInAsInvitee,

    /// <summary>Someone is signed in with another address: sign out and register, or accept into the signed-in account.</summary>
    SignedInAsSomeoneElse,

    /// <summary>The link's time ran out.</summary>
    Expired,

    /// <summary>The invitation was accepted already.</summary>
    AlreadyUsed,

    /// <summary>
    /// The library gives one answer (<c>invalid_token</c>) for a revoked, resent (superseded), rejected, mistyped or
    /// unknown link, so a token holder learns nothing about an invitation it cannot use; the page says all of these.
    /// </summary>
    NotValid,
}
