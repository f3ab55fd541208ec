using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Invitations.Sms.Tests;

public sealed class RegistrationTests
{
    public static TheoryData<string, Action<HttpSmsOptions>> InvalidOptions => new()
    {
        { "Endpoint", o => o.Endpoint = null },
        { "Endpoint", o => o.Endpoint = new Uri("/relative", UriKind.Relative) },
        { "https", o => o.Endpoint = new Uri("http://sms.example.com/send") },
        { "https", o => o.Endpoint = new Uri("ftp://127.0.0.1/send") },
        { "credentials", o => o.Endpoint = new Uri("https://user:pw@sms.example.com/send") },
        { "{recipient}", o => o.Fields["to"] = "{recipient}" },
        { "{to} and {text}", o => o.Fields["message"] = "{text}" },
        { "From", o => (o.Fields["to"], o.Fields["text"], o.Fields["sender"]) = ("{to}", "{text}", "{from}") },
        { "not both", o => (o.BearerToken, o.BasicUserName) = ("t", "u") },
        { "BasicUserName", o => o.BasicPassword = "p" },
        { "line breaks", o => o.BearerToken = "t\r\nX-Evil: 1" },
        { "Content-Type", o => o.Headers["Content-Type"] = "text/plain" },
        { "invalid header name", o => o.Headers["X Bad"] = "1" },
        { "HttpSmsOptions.Timeout must be positive and at most 10 minutes, for example 00:00:30.", o => o.Timeout = TimeSpan.Zero },
        { "HttpSmsOptions.Timeout must be positive and at most 10 minutes, for example 00:00:30.", o => o.Timeout = TimeSpan.FromMinutes(11) },
        { "HttpSmsOptions.MaxLength must be between 20 and 10000.", o => o.MaxLength = 5 },
        { "HttpSmsOptions.MaxSegments must be between 1 and 10.", o => o.MaxSegments = 0 },
        { "HttpSmsOptions.MaxSegments must be between 1 and 10.", o => o.MaxSegments = 11 },
        { "HttpSmsOptions.MaxRetryAfter must be positive and at most 1 day, for example 01:00:00.", o => o.MaxRetryAfter = TimeSpan.Zero },
        { "HttpSmsOptions.MaxRetryAfter must be positive and at most 1 day, for example 01:00:00.", o => o.MaxRetryAfter = TimeSpan.FromDays(2) },
        { "HttpSmsOptions.BodyFormat is not a known SmsBodyFormat value.", o => o.BodyFormat = (SmsBodyFormat)9 },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task Invalid_options_fail_at_startup_with_a_message_naming_the_problem(string problem, Action<HttpSmsOptions> breakIt)
    {
        var services = new ServiceCollection();
        new InvitationsBuilder(services).UseHttpSms(o =>
        {
            o.Endpoint = new Uri("https://sms.example.com/send");
            breakIt(o);
        });
        await using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().WithMessage($"*{problem}*");
    }

    [Theory]
    [InlineData("https://sms.example.com/send")]
    [InlineData("http://127.0.0.1:8080/send")]
    [InlineData("http://localhost/send")]
    [InlineData("http://[::1]:9000/send")]
    public async Task Https_endpoints_and_loopback_http_endpoints_are_accepted(string endpoint)
    {
        var services = new ServiceCollection();
        new InvitationsBuilder(services).UseHttpSms(o => o.Endpoint = new Uri(endpoint));
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetServices<IMessageSender>().Should().ContainSingle().Which.Should().BeOfType<HttpSmsSender>();
    }

    [Fact]
    public void Options_have_documented_defaults()
    {
        var options = new HttpSmsOptions();

        options.BodyFormat.Should().Be(SmsBodyFormat.Form);
        options.MaxLength.Should().Be(320);
        options.MaxSegments.Should().Be(3);
        options.Timeout.Should().Be(TimeSpan.FromSeconds(30));
        options.Fields.Should().BeEmpty();
    }
}
