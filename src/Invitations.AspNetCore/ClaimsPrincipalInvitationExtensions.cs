using System.Security.Claims;

namespace Invitations.AspNetCore;

/// <summary>Builds the <see cref="InvitationActor"/> of a signed-in user.</summary>
public static class ClaimsPrincipalInvitationExtensions
{
    /// <summary>
    /// The actor of <paramref name="user"/>: the id from <see cref="ClaimTypes.NameIdentifier"/> or <c>sub</c>, the name
    /// from the identity's name claim or <c>name</c>, and the roles from the identity's role claim type,
    /// <see cref="ClaimTypes.Role"/>, <c>role</c> and <c>roles</c> (JWTs name them differently); <see langword="null"/>
    /// when the user is not authenticated or carries no id.
    /// </summary>
    /// <param name="user">The request's user.</param>
    /// <returns>The actor, or <see langword="null"/>.</returns>
    public static InvitationActor? ToInvitationActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var id = user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("sub")?.Value;
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var name = user.Identity.Name ?? user.FindFirst("name")?.Value;
        var roleTypes = new HashSet<string>(StringComparer.Ordinal) { ClaimTypes.Role, "role", "roles" };
        foreach (var identity in user.Identities)
        {
            roleTypes.Add(identity.RoleClaimType);
        }

        var roles = user.Claims.Where(c => roleTypes.Contains(c.Type)).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToArray();
        return new InvitationActor(id, name, roles);
    }
}
