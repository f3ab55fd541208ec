using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Invitations.MailKit.Tests;

public sealed class RegistrationTests
{
    private static ServiceProvider Build(Action<InvitationsBuilder> configure)
    {
        var services = new ServiceCollection();
        configure(new InvitationsBuilder(services));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task UseMailKit_registers_the_smtp_sender_as_a_message_sender()
    {
        await using var provider = Build(b => b.UseMailKit(o =>
        {
            o.Host = "smtp.example.com";
            o.FromAddress = "invitations@example.com";
        }));

        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetServices<IMessageSender>().Should().ContainSingle().Which.Should().BeOfType<SmtpMessageSender>();
    }

    [Fact]
    public async Task The_last_registered_email_sender_wins()
    {
        await using var provider = Build(b => b
            .UseMailKit(o => (o.Host, o.FromAddress) = ("smtp.example.com", "invitations@example.com"))
            .UsePickupDirectory(Path.GetTempPath()));

        provider.GetServices<IMessageSender>().Last(s => s.CanSend(MessageChannel.Email))
            .Should().BeOfType<PickupDirectoryMessageSender>();
    }

    public static TheoryData<string, Action<SmtpSenderOptions>> InvalidOptions => new()
    {
        { "Host", o => o.Host = "" },
        { "FromAddress", o => o.FromAddress = "" },
        { "FromAddress", o => o.FromAddress = "Acme <invitations@example.com>" },
        { "FromAddress", o => o.FromAddress = "a@example.com, b@example.com" },
        { "SmtpSenderOptions.Port must be between 1 and 65535, for example 587", o => o.Port = 0 },
        { "SmtpSenderOptions.Port must be between 1 and 65535, for example 587", o => o.Port = 70000 },
        { "SmtpSenderOptions.Timeout must be positive and at most 30 minutes, for example 00:00:30.", o => o.Timeout = TimeSpan.Zero },
        { "SmtpSenderOptions.Timeout must be positive and at most 30 minutes, for example 00:00:30.", o => o.Timeout = TimeSpan.FromMinutes(31) },
        { "SmtpSenderOptions.Security is not a known SmtpSecurity value; use None, StartTls or SslOnConnect.", o => o.Security = (SmtpSecurity)42 },
        { "Password", o => o.UserName = "user" },
        { "Password", o => o.Password = "secret" },
        { "Security = None", o => (o.UserName, o.Password, o.Security) = ("user", "secret", SmtpSecurity.None) },
        { "FromName", o => o.FromName = "Acme\r\nBcc: x@evil.example" },
        { "ReplyTo", o => o.ReplyTo = "not an address" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task Invalid_smtp_options_fail_at_startup_naming_the_setting(string setting, Action<SmtpSenderOptions> breakIt)
    {
        await using var provider = Build(b => b.UseMailKit(o =>
        {
            o.Host = "smtp.example.com";
            o.FromAddress = "invitations@example.com";
            breakIt(o);
        }));

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().WithMessage($"*{setting}*");
    }

    [Fact]
    public void Smtp_options_have_safe_defaults()
    {
        var options = new SmtpSenderOptions();

        options.Port.Should().Be(587);
        options.Security.Should().Be(SmtpSecurity.StartTls);
        options.Timeout.Should().Be(TimeSpan.FromSeconds(30));
        options.CheckCertificateRevocation.Should().BeTrue();
    }

    [Fact]
    public void Authenticating_without_tls_is_allowed_to_a_loopback_relay()
    {
        var act = () => new SmtpMessageSender(Options.Create(new SmtpSenderOptions
        {
            Host = "127.0.0.1", Security = SmtpSecurity.None, UserName = "u", Password = "p", FromAddress = "a@example.com",
        }));

        act.Should().NotThrow();
    }
}
