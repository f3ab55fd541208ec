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
    [InlineData("group", "InvitationAccountOptions.GroupClaimType must be set")]
    [InlineData("provider", "InvitationAccountOptions.Provider must be set")]
    [InlineData("prefix", "InvitationAccountOptions.CustomFieldClaimPrefix must not be null")]
    [InlineData("interrupted", "InvitationAccountOptions.InterruptedAfter must be positive, for example 00:05:00")]
    public void Unusable_options_fail_validation_naming_the_option_to_change(string which, string message)
    {
        var services = new ServiceCollection();
        services.AddInvitations().AddIdentityAccounts<IdentityUser>(o =>
        {
            switch (which)
            {
                case "group": o.GroupClaimType = ""; break;
                case "provider": o.Provider = ""; break;
                case "prefix": o.CustomFieldClaimPrefix = null!; break;
                default: o.InterruptedAfter = TimeSpan.Zero; break;
            }
        });

        var act = () => services.BuildServiceProvider().GetRequiredService<IOptions<InvitationAccountOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void Blank_but_present_values_stay_as_valid_as_they_were()
    {
        var services = new ServiceCollection();
        services.AddInvitations().AddIdentityAccounts<IdentityUser>(o => (o.GroupClaimType, o.CustomFieldClaimPrefix) = (" ", ""));

        var options = services.BuildServiceProvider().GetRequiredService<IOptions<InvitationAccountOptions>>().Value;

        options.CustomFieldClaimPrefix.Should().BeEmpty("an empty prefix means custom-field claims carry the bare field name");
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
