namespace Invitations.AspNetCore.Identity;

/// <summary>What a registration page shows a visitor who may already be signed in. Reading it changes nothing.</summary>
public sealed record SignedInInvitationCheck
{
    /// <summary>How the signed-in account relates to the invited address.</summary>
    public required SignedInAccountStatus Status { get; init; }

    /// <summary>The invitation's pre-fill data (the invited address among it).</summary>
    public required InvitationPreview Invitation { get; init; }

    /// <summary>The signed-in account's e-mail address, to show beside the invited one; null when nobody is signed in.</summary>
    public string? SignedInEmail { get; init; }

    /// <summary>
    /// Whether <c>AcceptSignedInAsync</c> would be refused with <c>same_email_required</c>: the invitation is restricted to
    /// its address and the signed-in account has another one.
    /// </summary>
    public bool SameEmailRequired { get; init; }
}
