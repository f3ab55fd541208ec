namespace Invitations;

/// <summary>What the host applies to the new account after a successful acceptance.</summary>
public sealed record AcceptResult
{
    /// <summary>The accepted invitation.</summary>
    public required InvitationSnapshot Invitation { get; init; }

    /// <summary>Groups to grant.</summary>
    public IReadOnlyList<string> Groups => Invitation.Groups;

    /// <summary>Roles to grant.</summary>
    public IReadOnlyList<string> Roles => Invitation.Roles;

    /// <summary>Custom fields to store.</summary>
    public IReadOnlyDictionary<string, string> CustomFields => Invitation.CustomFields;

    /// <summary>The allow-listed URL to send the invitee to next, if the invitation has one.</summary>
    public string? RedirectLink { get; init; }
}
