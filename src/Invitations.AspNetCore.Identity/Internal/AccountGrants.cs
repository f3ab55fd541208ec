using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Invitations.AspNetCore.Identity.Internal;

/// <summary>What an invitation grants an account: its roles, and its groups, custom fields and names as claims.</summary>
internal sealed class AccountGrants<TUser, TRole>(UserManager<TUser> users, IServiceProvider services, InvitationAccountOptions options)
    where TUser : IdentityUser
    where TRole : IdentityRole, new()
{
    public const string GivenNameClaim = "given_name";
    public const string FamilyNameClaim = "family_name";

    /// <summary>The claims for <paramref name="invitation"/>: one per group, one per custom field, and the names.</summary>
    public IReadOnlyList<Claim> Claims(InvitationData invitation, string? givenName, string? familyName)
    {
        var claims = new List<Claim>(invitation.Groups.Count + invitation.CustomFields.Count + 2);
        claims.AddRange(invitation.Groups.Select(g => new Claim(options.GroupClaimType, g)));
        claims.AddRange(invitation.CustomFields.Select(f => new Claim(options.CustomFieldClaimPrefix + f.Key, f.Value)));
        if ((givenName ?? invitation.GivenName) is { Length: > 0 } given)
        {
            claims.Add(new Claim(GivenNameClaim, given));
        }

        if ((familyName ?? invitation.FamilyName) is { Length: > 0 } family)
        {
            claims.Add(new Claim(FamilyNameClaim, family));
        }

        return claims;
    }

    /// <summary>
    /// Makes sure every role of <paramref name="invitation"/> exists: creates the missing ones when the options allow it,
    /// otherwise answers <c>role_not_found</c> before anything is written.
    /// </summary>
    public async Task<InvitationError?> EnsureRolesExistAsync(InvitationData invitation)
    {
        if (invitation.Roles.Count == 0)
        {
            return null;
        }

        var roles = services.GetService<RoleManager<TRole>>();
        if (roles is null)
        {
            return new InvitationError(InvitationErrorCodes.RoleNotFound, "The invitation grants roles but no Identity role store is registered (AddRoles<TRole>()).") { Field = "roles" };
        }

        foreach (var role in invitation.Roles)
        {
            if (await roles.RoleExistsAsync(role).ConfigureAwait(false))
            {
                continue;
            }

            if (!options.CreateMissingRoles)
            {
                return new InvitationError(InvitationErrorCodes.RoleNotFound, $"The role '{role}' of the invitation does not exist.") { Field = "roles" };
            }

            // A racing registration may create the same role first: its existence afterwards is what counts.
            var created = await roles.CreateAsync(new TRole { Name = role }).ConfigureAwait(false);
            if (!created.Succeeded && !await roles.RoleExistsAsync(role).ConfigureAwait(false))
            {
                return new InvitationError(InvitationErrorCodes.RoleNotFound, $"The role '{role}' could not be created.") { Field = "roles" };
            }
        }

        return null;
    }

    /// <summary>Adds the claims and roles the account does not have yet (so a retry or an existing account gets each once); returns what it added.</summary>
    public async Task<(IdentityResult Result, IReadOnlyList<Claim> AddedClaims, IReadOnlyList<string> AddedRoles)> AddMissingAsync(
        TUser user, IReadOnlyList<Claim> claims, IReadOnlyList<string> roles)
    {
        var have = await users.GetClaimsAsync(user).ConfigureAwait(false);
        var newClaims = claims.Where(c => !have.Any(h => h.Type == c.Type && h.Value == c.Value)).ToList();
        if (newClaims.Count > 0)
        {
            var added = await users.AddClaimsAsync(user, newClaims).ConfigureAwait(false);
            if (!added.Succeeded)
            {
                return (added, [], []);
            }
        }

        var newRoles = new List<string>();
        if (roles.Count > 0)
        {
            var current = await users.GetRolesAsync(user).ConfigureAwait(false);
            newRoles.AddRange(roles.Where(r => !current.Contains(r, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase));
            if (newRoles.Count > 0)
            {
                var added = await users.AddToRolesAsync(user, newRoles).ConfigureAwait(false);
                if (!added.Succeeded)
                {
                    return (added, newClaims, []);
                }
            }
        }

        return (IdentityResult.Success, newClaims, newRoles);
    }

    /// <summary>Takes back what <see cref="AddMissingAsync"/> added to an existing account whose acceptance failed.</summary>
    public async Task RemoveAsync(TUser user, IReadOnlyList<Claim> claims, IReadOnlyList<string> roles)
    {
        if (roles.Count > 0)
        {
            await users.RemoveFromRolesAsync(user, roles).ConfigureAwait(false);
        }

        if (claims.Count > 0)
        {
            await users.RemoveClaimsAsync(user, claims).ConfigureAwait(false);
        }
    }
}
