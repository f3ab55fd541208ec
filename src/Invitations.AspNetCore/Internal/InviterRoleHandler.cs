using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Invitations.AspNetCore.Internal;

/// <summary>Checks <see cref="InviterRoleRequirement"/> against the options' roles at request time, so a reload applies.</summary>
internal sealed class InviterRoleHandler(IOptionsMonitor<InvitationsOptions> options) : AuthorizationHandler<InviterRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, InviterRoleRequirement requirement)
    {
        var actor = context.User.ToInvitationActor();
        var roles = CoreOptions.InviterRoles(options.CurrentValue);
        if (actor is not null && actor.Roles.Any(roles.Contains))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
