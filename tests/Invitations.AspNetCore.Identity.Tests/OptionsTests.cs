using Invitations.AspNetCore.Identity.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Invitations.AspNetCore.Identity.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void The_options_bind_from_a_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Accounts:GroupClaimType"] = "groups",
            ["Accounts:CustomFieldClaimPrefix"] = "field:",
            ["Accounts:CreateMissingRoles"] = "true",
            ["Accounts:Provider"] = "invitations",
            ["Accounts:InterruptedAfter"] = "PT2M",
        }).Build();
        var services = new ServiceCollection();
        services.AddInvitations().AddIdentityAccounts<IdentityUser>(configuration.GetSection("Accounts"));

        var options = services.BuildServiceProvider().GetRequiredService<IOptions<InvitationAccountOptions>>().Value;

        options.GroupClaimType.Should().Be("groups");
        options.CustomFieldClaimPrefix.Should().Be("field:");
        options.CreateMissingRoles.Should().BeTrue();
        options.Provider.Should().Be("invitations");
        options.InterruptedAfter.Should().Be(TimeSpan.FromMinutes(2));
    }

    [Theory]
    [InlineData("group")]
    [InlineData("provider")]
    [InlineData("interrupted")]
    public void Unusable_options_fail_validation(string which)
    {
        var services = new ServiceCollection();
        services.AddInvitations().AddIdentityAccounts<IdentityUser>(o =>
        {
            switch (which)
            {
                case "group": o.GroupClaimType = ""; break;
                case "provider": o.Provider = ""; break;
                default: o.InterruptedAfter = TimeSpan.Zero; break;
            }
        });

        var act = () => services.BuildServiceProvider().GetRequiredService<IOptions<InvitationAccountOptions>>().Value;

        act.Should().Throw<OptionsValidationException>();
    }

    [Fact]
    public async Task The_accounts_service_is_scoped_like_UserManager()
    {
        await using var host = await IdentityHost.StartAsync();

        using var scope = host.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IInvitationAccounts<IdentityUser>>().Should().NotBeNull();
        FluentActions.Invoking(() => host.Services.GetRequiredService<IInvitationAccounts<IdentityUser>>()).Should().Throw<InvalidOperationException>("a scoped service cannot come from the root provider");
    }
}
