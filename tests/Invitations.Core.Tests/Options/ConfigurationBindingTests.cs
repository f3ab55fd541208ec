using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Invitations.Tests.Options;

public sealed class ConfigurationBindingTests
{
    private const string Client = """ "Links": { "Clients": { "web": { "InitiateLoginUri": "https://app.example.com/login" } } } """;

    [Fact]
    public void Inviter_roles_from_configuration_replace_the_defaults_so_a_default_role_can_no_longer_invite()
    {
        var options = Bind($$"""{ {{Client}}, "Inviters": { "Roles": ["owner"] } }""");

        options.Inviters.Roles.Should().BeEquivalentTo(["owner"], "a list in configuration replaces the default, it is not appended to");
        options.Inviters.Roles.Should().NotContain("admin");
    }

    [Fact]
    public async Task An_admin_is_refused_when_configuration_allows_only_owners()
    {
        using var provider = Provider($$"""{ {{Client}}, "Inviters": { "Roles": ["owner"] } }""");
        var service = provider.GetRequiredService<IInvitationManager>();

        var admin = await service.InviteAsync(new InviteRequest { Inviter = InvitationActor.Admin("a"), Email = "x@example.com" });
        var owner = await service.InviteAsync(new InviteRequest { Inviter = new InvitationActor("o", null, ["owner"]), Email = "y@example.com" });

        admin.Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
        owner.IsSuccess.Should().BeTrue(owner.Error?.ToString());
    }

    [Fact]
    public void Retry_schedule_from_configuration_replaces_the_default_and_an_empty_list_empties_it()
    {
        Bind($$"""{ {{Client}}, "Delivery": { "RetrySchedule": ["00:00:10", "PT1M"] } }""").Delivery.RetrySchedule
            .Should().Equal(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));
        Bind($$"""{ {{Client}}, "Delivery": { "RetrySchedule": [] } }""").Delivery.RetrySchedule.Should().BeEmpty();
    }

    [Fact]
    public void An_empty_role_list_from_configuration_fails_startup_instead_of_falling_back_to_the_defaults()
    {
        var act = () => Bind($$"""{ {{Client}}, "Inviters": { "Roles": [] } }""");

        act.Should().Throw<OptionsValidationException>().WithMessage("*Inviters.Roles is empty while Inviters.RequireRole is true: nobody could invite*");
    }

    [Fact]
    public void Lists_absent_from_configuration_keep_their_defaults()
    {
        var options = Bind($$"""{ {{Client}} }""");

        options.Inviters.Roles.Should().BeEquivalentTo(["admin", "secondary_admin", "user_invite"]);
        options.Delivery.RetrySchedule.Should().HaveCount(9);
    }

    [Theory]
    [InlineData("7.00:00:00")]
    [InlineData("P7D")]
    [InlineData("P1W")]
    [InlineData("PT168H")]
    public void Durations_accept_the_TimeSpan_form_and_ISO_8601(string text)
    {
        Bind($$"""{ {{Client}}, "Lifetime": { "Default": "{{text}}" } }""").Lifetime.Default.Should().Be(TimeSpan.FromDays(7));
    }

    [Theory]
    [InlineData("seven days")]
    [InlineData("P1M")]
    public void A_duration_in_neither_form_fails_naming_its_path_and_both_forms(string text)
    {
        var act = () => Bind($$"""{ {{Client}}, "Maintenance": { "Interval": "{{text}}" } }""");

        act.Should().Throw<OptionsValidationException>()
            .WithMessage($"*Invitations:Maintenance:Interval: '{text}' is not a duration*7.00:00:00*P7D*");
    }

    [Theory]
    [InlineData("\"Delivery\": { \"BatchSzie\": 5 }", "Invitations:Delivery:BatchSzie")]
    [InlineData("\"DefaultLifetime\": \"P3D\"", "Invitations:DefaultLifetime")]
    public void A_key_that_names_no_option_fails_instead_of_leaving_the_default_silently(string entry, string path)
    {
        var act = () => Bind($$"""{ {{Client}}, {{entry}} }""");

        act.Should().Throw<OptionsValidationException>().WithMessage($"*{path} is not an option of InvitationsOptions*");
    }

    [Fact]
    public void A_section_of_another_package_beside_the_options_is_left_to_it()
    {
        Bind($$"""{ {{Client}}, "Smtp": { "Host": "smtp.example.com" } }""").Links.Clients.Should().ContainKey("web");
    }

    [Fact]
    public void Values_outside_their_bounds_fail_with_the_configuration_path()
    {
        var act = () => Bind($$"""{ {{Client}}, "Delivery": { "BatchSize": 0 }, "Lifetime": { "Min": "P10D" } }""");

        act.Should().Throw<OptionsValidationException>()
            .WithMessage("*Delivery.BatchSize must be between 1 and 10000*")
            .WithMessage("*Lifetime.Min <= Lifetime.Default*");
    }

    [Fact]
    public void A_bound_says_what_to_change_with_its_example_not_the_generic_range_text()
    {
        // The options source generator swaps [Range] for a copy that drops ErrorMessage (dotnet/runtime#123137): [Bounds] keeps it.
        var act = () => Bind($$"""{ {{Client}}, "Delivery": { "PollInterval": "00:00:00", "RetryJitter": 1.5 } }""");

        var error = act.Should().Throw<OptionsValidationException>().Which;
        error.Message.Should().Contain("Delivery.PollInterval must be positive, for example 00:00:05.")
            .And.Contain("Delivery.RetryJitter must be in [0, 1), for example 0.2 for ±20 %.")
            .And.NotContain("The field");
    }

    [Fact]
    public void The_section_path_overload_reads_the_hosts_configuration()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(Configuration($$"""{ "Invitations": { {{Client}}, "Defaults": { "AccountName": "Acme" } } }"""));
        services.AddInvitations("Invitations");
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<InvitationsOptions>>().Value.Defaults.AccountName.Should().Be("Acme");
    }

    [Fact]
    public void Code_configured_after_the_binding_wins_over_configuration()
    {
        var services = new ServiceCollection();
        services.AddInvitations(Configuration($$"""{ "Invitations": { {{Client}}, "Limits": { "MaxResends": 3 } } }""").GetSection("Invitations"));
        services.Configure<InvitationsOptions>(o => o.Limits.MaxResends = 4);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<InvitationsOptions>>().Value.Limits.MaxResends.Should().Be(4);
    }

    [Fact]
    public void Templates_are_registered_from_a_directory_and_from_single_files()
    {
        var dir = Directory.CreateTempSubdirectory("invitations-templates-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "subject.liquid"), "Join {{ account_name }}");
            File.WriteAllText(Path.Combine(dir, "body.html.liquid"), "<p>{{ link }}</p>");
            File.WriteAllText(Path.Combine(dir, "body.txt.liquid"), "{{ link }}");
            File.WriteAllText(Path.Combine(dir, "crm-sms.liquid"), "SMS {{ link }}");
            var json = $$"""
                { {{Client}}, "Templates": { "Files": [
                    { "Key": "CRM_INVITE", "Locale": "de", "Directory": "{{Escape(dir)}}" },
                    { "Key": "CRM_INVITE", "Channel": "Sms", "TextBodyFile": "{{Escape(Path.Combine(dir, "crm-sms.liquid"))}}" } ] } }
                """;

            var definitions = Bind(json).Templates.Definitions;

            definitions.Should().HaveCount(2);
            definitions[0].Should().BeEquivalentTo(new { Key = "CRM_INVITE", Channel = MessageChannel.Email, Locale = "de", Subject = "Join {{ account_name }}", HtmlBody = "<p>{{ link }}</p>", TextBody = "{{ link }}" });
            definitions[1].Should().BeEquivalentTo(new { Key = "CRM_INVITE", Channel = MessageChannel.Sms, Locale = (string?)null, TextBody = "SMS {{ link }}" });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_missing_template_file_fails_startup_with_its_index_key_and_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), "invitations-" + Guid.NewGuid().ToString("N"));
        var act = () => Bind($$"""{ {{Client}}, "Templates": { "Files": [ { "Key": "CRM_INVITE", "Directory": "{{Escape(missing)}}" } ] } }""");

        act.Should().Throw<OptionsValidationException>()
            .WithMessage($"*Templates.Files[0] ('CRM_INVITE'): template file '{Path.Combine(missing, "body.txt.liquid")}' cannot be read*");
    }

    private static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);

    private static IConfigurationRoot Configuration(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    private static ServiceProvider Provider(string json)
    {
        var services = new ServiceCollection();
        services.AddInvitations(Configuration($$"""{ "Invitations": {{json}} }""").GetSection("Invitations"));
        return services.BuildServiceProvider();
    }

    private static InvitationsOptions Bind(string json)
    {
        using var provider = Provider(json);
        return provider.GetRequiredService<IOptions<InvitationsOptions>>().Value;
    }
}
