using Microsoft.AspNetCore.Authorization;

namespace Invitations.AspNetCore.Internal;

/// <summary>The default admin policy's requirement: the user's actor holds one of the configured inviter roles.</summary>
internal sealed class InviterRoleRequirement : IAuthorizationRequirement;
