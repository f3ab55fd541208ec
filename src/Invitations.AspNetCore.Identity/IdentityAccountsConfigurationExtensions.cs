using Invitations;
using Invitations.AspNetCore.Identity;
using Invitations.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers registration by invitation into ASP.NET Core Identity with its options bound from configuration.</summary>
public static class IdentityAccountsConfigurationExtensions
{
    /// <summary>
    /// As <see cref="IdentityAccountsBuilderExtensions.AddIdentityAccounts{TUser}(InvitationsBuilder, Action{InvitationAccountOptions})"/>,
    /// with <see cref="InvitationAccountOptions"/> bound from <paramref name="configuration"/> (for example the section
    /// <c>Invitations:Accounts</c>: <c>GroupClaimType</c>, <c>CustomFieldClaimPrefix</c>, <c>CreateMissingRoles</c>, <c>Provider</c>).
    /// </summary>
    /// <typeparam name="TUser">The Identity user type.</typeparam>
    /// <param name="builder">The invitations builder.</param>
    /// <param name="configuration">The section holding the account settings.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder AddIdentityAccounts<TUser>(this InvitationsBuilder builder, IConfiguration configuration)
        where TUser : IdentityUser, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.AddIdentityAccounts<TUser>();
        builder.Services.AddOptions<InvitationAccountOptions>().BindReplacingCollections(configuration);
        return builder;
    }
}
