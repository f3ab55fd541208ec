using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Invitations.Core.Tests.Authorization;

public sealed class AuthorizationOptionsTests
{
    private const string Client = """ "Links": { "Clients": { "web": { "InitiateLoginUri": "https://app.example.com/login" } } } """;

    private static InvitationsOptions Bind(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddInvitations(configuration);
        return services.BuildServiceProvider().GetRequiredService<IOptions<InvitationsOptions>>().Value;
    }

    [Fact]
    public void Defaults_are_secure_only_admin_is_an_administrator_and_inviters_grant_what_they_hold()
    {
        var options = Bind($$"""{ {{Client}} }""");

        options.Inviters.AdministratorRoles.Should().BeEquivalentTo(["admin"]);
        options.Inviters.GrantPolicy.Should().Be(GrantPolicy.HeldByInviter);
    }

    [Fact]
    public void Administrator_roles_from_configuration_replace_the_default_and_the_grant_policy_binds_by_name()
    {
        var options = Bind($$"""{ {{Client}}, "Inviters": { "AdministratorRoles": ["owner"], "GrantPolicy": "Unrestricted" } }""");

        options.Inviters.AdministratorRoles.Should().BeEquivalentTo(["owner"], "a list in configuration replaces the default: 'admin' no longer administers");
        options.Inviters.GrantPolicy.Should().Be(GrantPolicy.Unrestricted);
    }

    [Fact]
    public void A_blank_administrator_role_or_an_undefined_grant_policy_fails_startup()
    {
        var blank = () => Bind($$"""{ {{Client}}, "Inviters": { "AdministratorRoles": [" "] } }""");
        blank.Should().Throw<OptionsValidationException>().WithMessage("*Inviters.AdministratorRoles must not contain blank entries*");

        var services = new ServiceCollection();
        services.AddInvitations(o =>
        {
            o.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = "https://app.example.com/login" };
            o.Inviters.GrantPolicy = (GrantPolicy)42;
        });
        var undefined = () => services.BuildServiceProvider().GetRequiredService<IOptions<InvitationsOptions>>().Value;
        undefined.Should().Throw<OptionsValidationException>().WithMessage("*Inviters.GrantPolicy '42' is not a grant policy*");
    }
}
