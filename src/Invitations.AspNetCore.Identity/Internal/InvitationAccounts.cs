using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Invitations.AspNetCore.Identity.Internal;

/// <summary>Registration by invitation over <see cref="UserManager{TUser}"/>; see <see cref="IInvitationAccounts{TUser}"/> for the invariant.</summary>
internal sealed class InvitationAccounts<TUser, TRole> : IInvitationAccounts<TUser>
    where TUser : IdentityUser, new()
    where TRole : IdentityRole, new()
{
    public Task<InvitationAccountResult<TUser>> RegisterAsync(InvitationRegistration registration, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<InvitationResult<SignedInInvitationCheck>> CheckSignedInAsync(ClaimsPrincipal user, string token, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<InvitationAccountResult<TUser>> AcceptSignedInAsync(ClaimsPrincipal user, string token, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
