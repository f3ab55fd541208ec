using System.Security.Cryptography;
using Invitations.EntityFrameworkCore;
using Invitations.WebApp.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Invitations.WebApp.Setup;

/// <summary>
/// Runs once before the app serves requests: creates the database (Identity's and the invitations' tables in one file),
/// the roles and the administrator, and prints how to sign in. A hosted service rather than code after <c>Build()</c>,
/// so it also runs when a test hosts the app through WebApplicationFactory.
/// </summary>
internal sealed class WebAppSetup(IServiceProvider services, WebAppPaths paths, IOptions<WebAppOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.Root);
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        await using (var db = await provider.GetRequiredService<IDbContextFactory<WebAppDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            await db.Database.EnsureInvitationsSchemaAsync(cancellationToken);
        }

        var roles = provider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in options.Value.InvitableRoles.Append(WebAppOptions.AdminRole).Distinct(StringComparer.Ordinal))
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create the role {role}");
            }
        }

        var password = string.IsNullOrEmpty(options.Value.AdminPassword) ? GeneratePassword() : options.Value.AdminPassword;
        await SeedAdministratorAsync(provider.GetRequiredService<UserManager<IdentityUser>>(), options.Value.AdminEmail, password);

        Console.WriteLine($"""

            Invitations web app
              Admin:    {options.Value.AdminEmail} / {password}
              Mail:     {WebAppMail.Describe(provider)}
              Database: {paths.Database}

            """);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates the administrator, or gives an existing one the password of this start (a generated one changes every start).</summary>
    private static async Task SeedAdministratorAsync(UserManager<IdentityUser> users, string email, string password)
    {
        var admin = await users.FindByEmailAsync(email);
        if (admin is null)
        {
            admin = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
            Check(await users.CreateAsync(admin, password), $"create the administrator {email}");
        }
        else
        {
            var reset = await users.GeneratePasswordResetTokenAsync(admin);
            Check(await users.ResetPasswordAsync(admin, reset, password), $"set the administrator's password");
        }

        if (!await users.IsInRoleAsync(admin, WebAppOptions.AdminRole))
        {
            Check(await users.AddToRoleAsync(admin, WebAppOptions.AdminRole), "make the administrator an admin");
        }
    }

    // Meets Identity's default rules (upper, lower, digit, symbol, 6+ characters) whatever the random part holds.
    private static string GeneratePassword() => "Aa1!" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', '_').Replace('+', '-');

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Cannot {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
