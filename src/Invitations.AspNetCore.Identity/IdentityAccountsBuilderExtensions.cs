using Invitations;
using Invitations.AspNetCore.Identity;
using Invitations.AspNetCore.Identity.Internal;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers registration by invitation into ASP.NET Core Identity.</summary>
public static class IdentityAccountsBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="IInvitationAccounts{TUser}"/> (scoped) and an <see cref="IUserDirectory"/> over
    /// <see cref="UserManager{TUser}"/> (so invitations to registered users are refused with <c>user_already_registered</c>),
    /// with roles of type <see cref="IdentityRole"/>. The host registers Identity itself (<c>AddIdentityCore&lt;TUser&gt;().AddRoles&lt;IdentityRole&gt;()</c>
    /// and a store).
    /// </summary>
    /// <typeparam name="TUser">The Identity user type.</typeparam>
    /// <param name="builder">The invitations builder.</param>
    /// <param name="configure">Sets the account options.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder AddIdentityAccounts<TUser>(this InvitationsBuilder builder, Action<InvitationAccountOptions>? configure = null)
        where TUser : IdentityUser, new() =>
        builder.AddIdentityAccounts<TUser, IdentityRole>(configure);

    /// <summary>As <see cref="AddIdentityAccounts{TUser}(InvitationsBuilder, Action{InvitationAccountOptions})"/>, with roles of type <typeparamref name="TRole"/>.</summary>
    /// <typeparam name="TUser">The Identity user type.</typeparam>
    /// <typeparam name="TRole">The Identity role type.</typeparam>
    /// <param name="builder">The invitations builder.</param>
    /// <param name="configure">Sets the account options.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder AddIdentityAccounts<TUser, TRole>(this InvitationsBuilder builder, Action<InvitationAccountOptions>? configure = null)
        where TUser : IdentityUser, new()
        where TRole : IdentityRole, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<InvitationAccountOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationAccountOptions>, InvitationAccountOptionsValidator>());
        options.ValidateOnStart();
        services.TryAddScoped<IInvitationAccounts<TUser>, InvitationAccounts<TUser, TRole>>();
        builder.UseUserDirectory<IdentityUserDirectory<TUser>>();
        return builder;
    }
}
