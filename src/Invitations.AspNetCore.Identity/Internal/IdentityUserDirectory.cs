using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.AspNetCore.Identity.Internal;

/// <summary>
/// An <see cref="IUserDirectory"/> over <see cref="UserManager{TUser}"/> (scoped, so each call makes its own scope; the
/// directory itself is a singleton as Core expects). A registered user is an account that is not half-made (without the
/// markers of a registration in progress). Virtual members are the seams a directory with more rules (organizations, for
/// example) extends.
/// </summary>
internal class IdentityUserDirectory<TUser>(IServiceScopeFactory scopes, IOptions<InvitationAccountOptions> options) : IUserDirectory
    where TUser : IdentityUser
{
    private const int PageSize = 100;

    /// <summary>
    /// Per organization: a registered account holding the organization's claim (<see cref="InvitationAccountOptions.OrganizationClaimType"/>)
    /// is a member, any other registered account is registered elsewhere (invited with a sign-in link); without an
    /// organization every registered account is a member, as <see cref="IsRegisteredAsync(string, MessageChannel, CancellationToken)"/> says.
    /// </summary>
    public async ValueTask<DirectoryStatus> GetStatusAsync(string address, MessageChannel channel, string? organizationId, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<TUser>>();
            var status = DirectoryStatus.NotRegistered;
            foreach (var user in await FindByAddressAsync(users, address, channel, cancellationToken).ConfigureAwait(false))
            {
                if (!await IsRegisteredAsync(users, user).ConfigureAwait(false))
                {
                    continue; // half-made: nobody's yet (or what a derived directory does not count)
                }

                if (organizationId is null || (await users.GetClaimsAsync(user).ConfigureAwait(false)).Any(c => c.Type == options.Value.OrganizationClaimType && c.Value == organizationId))
                {
                    return DirectoryStatus.Member;
                }

                status = DirectoryStatus.RegisteredElsewhere;
            }

            return status;
        }
    }

    public async ValueTask<bool> IsRegisteredAsync(string address, MessageChannel channel, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<TUser>>();
            foreach (var user in await FindByAddressAsync(users, address, channel, cancellationToken).ConfigureAwait(false))
            {
                if (await IsRegisteredAsync(users, user).ConfigureAwait(false))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// The accounts an administrator made that their owner never registered: an e-mail address, no password, the address
    /// not confirmed, not half-made. Needs a store with queryable users (the EF Core store has them); pages by id.
    /// </summary>
    public async IAsyncEnumerable<DirectoryIdentity> ListUnregisteredAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            List<TUser> page;
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<TUser>>();
                if (!users.SupportsQueryableUsers)
                {
                    throw new NotSupportedException("Listing unregistered users needs an Identity user store with queryable users (IQueryableUserStore).");
                }

                var query = users.Users.Where(u => u.Email != null && u.PasswordHash == null && !u.EmailConfirmed);
                if (after is not null)
                {
                    query = query.Where(u => u.Id.CompareTo(after) > 0);
                }

                page = await ToListAsync(query.OrderBy(u => u.Id).Take(PageSize), cancellationToken).ConfigureAwait(false);
                foreach (var user in page)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (AccountMarkers.From(await users.GetClaimsAsync(user).ConfigureAwait(false)) is null)
                    {
                        yield return ToIdentity(user);
                    }
                }
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    /// <summary>
    /// The identity Core invites. Identity keeps no creation time, so <see cref="DirectoryIdentity.CreatedAt"/> is the
    /// earliest instant: automatic invitations (which skip identities older than their start) never pick these accounts,
    /// "invite every unregistered identity" does.
    /// </summary>
    protected virtual DirectoryIdentity ToIdentity(TUser user) => new()
    {
        Id = user.Id,
        Email = user.Email,
        MobileNumber = user.PhoneNumber,
        CreatedAt = Instant.MinValue,
    };

    /// <summary>Whether <paramref name="user"/> counts as registered: any account that is not half-made.</summary>
    protected virtual async ValueTask<bool> IsRegisteredAsync(UserManager<TUser> users, TUser user) =>
        AccountMarkers.From(await users.GetClaimsAsync(user).ConfigureAwait(false)) is null;

    /// <summary>The accounts with <paramref name="address"/>; several when the store does not require unique e-mail addresses.</summary>
    protected virtual async ValueTask<IReadOnlyList<TUser>> FindByAddressAsync(UserManager<TUser> users, string address, MessageChannel channel, CancellationToken cancellationToken)
    {
        if (users.SupportsQueryableUsers)
        {
            IQueryable<TUser> query;
            if (channel == MessageChannel.Email)
            {
                var normalized = users.NormalizeEmail(address);
                query = users.Users.Where(u => u.NormalizedEmail == normalized);
            }
            else
            {
                query = users.Users.Where(u => u.PhoneNumber == address);
            }

            return await ToListAsync(query.Take(PageSize), cancellationToken).ConfigureAwait(false);
        }

        // Without queryable users only an e-mail address can be looked up.
        return channel == MessageChannel.Email && await users.FindByEmailAsync(address).ConfigureAwait(false) is { } found ? [found] : [];
    }

    private static async Task<List<TUser>> ToListAsync(IQueryable<TUser> query, CancellationToken cancellationToken)
    {
        // EF Core's queries stream asynchronously; another provider's are read as they come.
        if (query is IAsyncEnumerable<TUser> asynchronous)
        {
            var list = new List<TUser>();
            await foreach (var user in asynchronous.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                list.Add(user);
            }

            return list;
        }

        return [.. query];
    }
}
