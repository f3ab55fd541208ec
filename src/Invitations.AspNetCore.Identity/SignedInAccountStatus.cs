namespace Invitations.AspNetCore.Identity;

/// <summary>How the signed-in account relates to the invited address.</summary>
public enum SignedInAccountStatus
{
    /// <summary>Nobody is signed in (or the principal names no account of this store): offer registration.</summary>
    NotSignedIn,

    /// <summary>The signed-in account has the invited address (e-mail, or mobile number for an SMS invitation): accepting into it is safe.</summary>
    SameAddress,

    /// <summary>
    /// The signed-in account has another address: the page shows both and lets the invitee choose (accept into this
    /// account, or sign out and register), never accepting silently into the wrong account.
    /// </summary>
    DifferentAddress,
}
