namespace Invitations;

/// <summary>
/// The attribute names of the facts the library creates. Who did it is always among them: <c>invited_by</c> and
/// <c>resent_by</c> (INVITE_USER), <c>sub</c> (INVITE_ACCEPTED, as cidaas names the subject), <c>revoked_by</c>,
/// <c>rejected_by</c> and <c>expired_by</c>; see <see cref="FactActors"/> for the actors that are not a person's id.
/// </summary>
public static class FactAttributeNames
{
    /// <summary>The invitation id (every fact).</summary>
    public const string Id = "_id";

    /// <summary>The administrator (or the system actor of automatic invitations) who created and sent the invitation (INVITE_USER).</summary>
    public const string InvitedBy = "invited_by";

    /// <summary><c>true</c> on the INVITE_USER fact of a resend.</summary>
    public const string Resent = "resent";

    /// <summary>Who resent the invitation (INVITE_USER with <see cref="Resent"/>): an administrator, or <see cref="FactActors.System"/>'s re-invitations.</summary>
    public const string ResentBy = "resent_by";

    /// <summary>The account subject that accepted (INVITE_ACCEPTED): the invitee is the actor.</summary>
    public const string Subject = "sub";

    /// <summary>The administrator who revoked the invitation (INVITE_REVOKED).</summary>
    public const string RevokedBy = "revoked_by";

    /// <summary>Who rejected the invitation (INVITE_REJECTED): always <see cref="FactActors.TokenHolder"/>.</summary>
    public const string RejectedBy = "rejected_by";

    /// <summary>Who persisted the expiry (INVITE_EXPIRED): always <see cref="FactActors.System"/>.</summary>
    public const string ExpiredBy = "expired_by";

    /// <summary>The channel of a message that could not be delivered (INVITE_DELIVERY_FAILED).</summary>
    public const string Channel = "channel";

    /// <summary>Why a message could not be delivered (INVITE_DELIVERY_FAILED).</summary>
    public const string Error = "error";
}
