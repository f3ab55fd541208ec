namespace Invitations;

/// <summary>Which groups and roles an inviter who is not an administrator may grant (<see cref="InviterOptions.GrantPolicy"/>).</summary>
public enum GrantPolicy
{
    /// <summary>Only groups and roles the inviter holds (<see cref="InvitationActor.Groups"/>, <see cref="InvitationActor.Roles"/>). The default.</summary>
    HeldByInviter = 0,

    /// <summary>Any group or role: the host checks grants itself (the behaviour before this option existed).</summary>
    Unrestricted = 1,
}
