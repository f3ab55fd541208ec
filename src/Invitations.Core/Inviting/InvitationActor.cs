namespace Invitations;

/// <summary>Who performs an administrative operation (invite, resend, revoke).</summary>
/// <param name="Id">The actor's stable id (stored as the inviter).</param>
/// <param name="DisplayName">The actor's display name (<c>{{ invited_by }}</c>), if any.</param>
/// <param name="Roles">The actor's roles, checked against <see cref="InviterOptions.Roles"/>.</param>
public sealed record InvitationActor(string Id, string? DisplayName, IReadOnlyCollection<string> Roles)
{
    /// <summary>An actor holding the <c>admin</c> role, for hosts that authorize before calling the library.</summary>
    /// <param name="id">The actor id.</param>
    /// <param name="displayName">The display name.</param>
    /// <returns>The actor.</returns>
    public static InvitationActor Admin(string id, string? displayName = null) => new(id, displayName, ["admin"]);
}
