namespace Invitations;

/// <summary>One authorization question for <see cref="IInvitationAuthorizer"/>: may <see cref="Actor"/> perform <see cref="Operation"/>?</summary>
public sealed class InvitationAuthorizationContext
{
    /// <summary>The operation asked for.</summary>
    public required InvitationOperation Operation { get; init; }

    /// <summary>The acting inviter or administrator (already validated: it has an id and, when required, an inviter role).</summary>
    public required InvitationActor Actor { get; init; }

    /// <summary>The organization the invitation belongs to (the request's for <see cref="InvitationOperation.Invite"/>), if any.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>The existing invitation the operation acts on; null for <see cref="InvitationOperation.Invite"/> and for facts of an invitation that no longer exists.</summary>
    public InvitationSnapshot? Invitation { get; init; }

    /// <summary>The groups the invitation grants on acceptance: the requested ones for an invite, the invitation's own otherwise.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The roles the invitation grants on acceptance: the requested ones for an invite, the invitation's own otherwise.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
}
