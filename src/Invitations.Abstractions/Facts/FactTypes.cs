namespace Invitations;

/// <summary>The fact (webhook event) types, named as cidaas names them.</summary>
public static class FactTypes
{
    /// <summary>An invitation was sent or resent.</summary>
    public const string InviteUser = "INVITE_USER";

    /// <summary>The invitee accepted; attributes carry <c>_id</c> and <c>sub</c>.</summary>
    public const string InviteAccepted = "INVITE_ACCEPTED";

    /// <summary>An administrator revoked the invitation.</summary>
    public const string InviteRevoked = "INVITE_REVOKED";

    /// <summary>The invitee rejected the invitation.</summary>
    public const string InviteRejected = "INVITE_REJECTED";

    /// <summary>The invitation expired (persisted by the sweeper, or observed on use).</summary>
    public const string InviteExpired = "INVITE_EXPIRED";

    /// <summary>The invitation message could not be delivered (permanent failure or retries exhausted).</summary>
    public const string InviteDeliveryFailed = "INVITE_DELIVERY_FAILED";

    /// <summary>
    /// An account was created by registering with an invitation (cidaas <c>ACCOUNT_CREATED_WITH_CIDAAS_IDENTITY</c>); attributes
    /// carry <c>provider</c>, <c>requestId</c> (when known) and <c>sub</c>, <see cref="InvitationFact.Request"/> the register
    /// request without the password. Saved in the same store write as the <see cref="InviteAccepted"/> it follows (the next
    /// sequence number); its <c>object_id</c> stays the invitation's id, so it is ordered with the invitation's facts, and
    /// the account is its <c>sub</c>.
    /// </summary>
    public const string AccountCreated = "ACCOUNT_CREATED_WITH_CIDAAS_IDENTITY";

    /// <summary>The object type of <see cref="AccountCreated"/> (cidaas: <c>users</c>).</summary>
    public const string AccountObjectType = "users";

    /// <summary>The object type of every invitation fact.</summary>
    public const string ObjectType = "userinvitations";
}
