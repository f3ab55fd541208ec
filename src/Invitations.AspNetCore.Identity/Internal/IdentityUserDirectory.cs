using Microsoft.AspNetCore.Identity;

namespace Invitations.AspNetCore.Identity.Internal;

/// <summary>An <see cref="IUserDirectory"/> over <see cref="UserManager{TUser}"/>.</summary>
internal sealed class IdentityUserDirectory<TUser> : IUserDirectory
    where TUser : IdentityUser
{
    public ValueTask<bool> IsRegisteredAsync(string address, MessageChannel channel, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
