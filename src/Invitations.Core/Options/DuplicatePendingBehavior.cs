namespace Invitations;

/// <summary>What <c>InviteAsync</c> does when a pending invitation to the same recipient already exists.</summary>
public enum DuplicatePendingBehavior
{
    /// <summary>Resend the existing invitation (rotates its token and renews its lifetime). The default.</summary>
    Resend = 0,

    /// <summary>Return the existing invitation unchanged, without a link and without sending anything.</summary>
    Reuse = 1,

    /// <summary>Fail with <c>duplicate_pending</c>.</summary>
    Error = 2,
}
