using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Webhooks.Tests;

public sealed class OptionsAndRegistrationTests
{
    private static readonly string Secret = WebhookSecret.Generate();

    private static ServiceProvider Build(Action<WebhookSinkOptions> configure, bool withClock = false)
    {
        var services = new ServiceCollection();
        if (withClock)
        {
            services.AddSingleton<IClock>(new NodaTime.Testing.FakeClock(Instant.FromUnixTimeSeconds(1_700_000_000)));
        }

        new InvitationsBuilder(services).UseWebhooks(configure);
        return services.BuildServiceProvider();
    }

    private static void Valid(WebhookSinkOptions o) =>
        o.Endpoints.Add(SinkHarness.Endpoint("crm", new Uri("https://hooks.example.com/invitations"), Secret));

    [Fact]
    public void UseWebhooks_registers_the_webhook_sink_and_its_http_client()
    {
        using var provider = Build(Valid);

        provider.GetRequiredService<IWebhookSink>().Should().BeOfType<WebhookSink>();
        provider.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookSink.HttpClientName).Timeout.Should().Be(Timeout.InfiniteTimeSpan);
    }

    [Fact]
    public void UseWebhooks_adds_its_sink_beside_a_previously_added_one()
    {
        var services = new ServiceCollection();
        var builder = new InvitationsBuilder(services);
        builder.AddWebhookSink(new NullSink());
        builder.UseWebhooks(Valid);
        using var provider = services.BuildServiceProvider();

        provider.GetServices<IWebhookSink>().Select(s => s.GetType()).Should().Equal(typeof(NullSink), typeof(WebhookSink));
    }

    [Fact]
    public void Sink_resolves_with_and_without_a_registered_clock()
    {
        using var withClock = Build(Valid, withClock: true);
        using var withoutClock = Build(Valid);

        withClock.GetRequiredService<IWebhookSink>().Should().NotBeNull();
        withoutClock.GetRequiredService<IWebhookSink>().Should().NotBeNull();
    }

    [Fact]
    public void Primary_handler_never_follows_redirects_and_guards_destinations_by_default()
    {
        var guarded = WebhooksInvitationsBuilderExtensions.CreateHandler(new WebhookSinkOptions());
        var open = WebhooksInvitationsBuilderExtensions.CreateHandler(new WebhookSinkOptions { AllowPrivateNetworkDestinations = true });

        guarded.AllowAutoRedirect.Should().BeFalse();
        guarded.UseCookies.Should().BeFalse();
        guarded.UseProxy.Should().BeFalse();
        guarded.ConnectCallback.Should().NotBeNull();
        open.AllowAutoRedirect.Should().BeFalse();
        open.ConnectCallback.Should().BeNull();
    }

    public static TheoryData<string, Action<WebhookSinkOptions>> InvalidOptions() => new()
    {
        { "at least one endpoint", _ => { } },
        { "absolute", o => o.Endpoints.Add(SinkHarness.Endpoint("a", new Uri("/relative", UriKind.Relative), Secret)) },
        { "https", o => o.Endpoints.Add(SinkHarness.Endpoint("a", new Uri("http://hooks.example.com/"), Secret)) },
        { "https", o => o.Endpoints.Add(SinkHarness.Endpoint("a", new Uri("ftp://hooks.example.com/"), Secret)) },
        { "user information", o => o.Endpoints.Add(SinkHarness.Endpoint("a", new Uri("https://u:p@hooks.example.com/"), Secret)) },
        { "Name is required", o => o.Endpoints.Add(SinkHarness.Endpoint(" ", new Uri("https://hooks.example.com/"), Secret)) },
        { "used by another endpoint", o => { Valid(o); Valid(o); } },
        { "Secrets[0]", o => o.Endpoints.Add(SinkHarness.Endpoint("a", new Uri("https://hooks.example.com/"), "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")) },
        { "Secrets[0]", o => o.Endpoints.Add(SinkHarness.Endpoint("a", new Uri("https://hooks.example.com/"), "whsec_" + Convert.ToBase64String(new byte[16]))) },
        { "Secrets[0]", o => o.Endpoints.Add(SinkHarness.Endpoint("a", new Uri("https://hooks.example.com/"), "whsec_" + Convert.ToBase64String(new byte[65]))) },
        { "Secrets[0]", o => o.Endpoints.Add(SinkHarness.Endpoint("a", new Uri("https://hooks.example.com/"), "whsec_not*base64")) },
        { "at least one secret", o => o.Endpoints.Add(new WebhookEndpoint { Name = "a", Url = new Uri("https://hooks.example.com/") }) },
        { "EventTypes", o => o.Endpoints.Add(SinkHarness.Endpoint("a", new Uri("https://hooks.example.com/"), Secret, "")) },
        { "WebhookSinkOptions.Timeout must be positive and at most 5 minutes, for example 00:00:15.", o => { Valid(o); o.Timeout = TimeSpan.Zero; } },
        { "WebhookSinkOptions.Timeout must be positive and at most 5 minutes, for example 00:00:15.", o => { Valid(o); o.Timeout = TimeSpan.FromHours(1); } },
        { "WebhookSinkOptions.MaxRetryAfter must be positive and at most 1 day, for example 01:00:00.", o => { Valid(o); o.MaxRetryAfter = TimeSpan.Zero; } },
        { "WebhookSinkOptions.MaxRetryAfter must be positive and at most 1 day, for example 01:00:00.", o => { Valid(o); o.MaxRetryAfter = TimeSpan.FromDays(2); } },
        { "WebhookSinkOptions.PauseAfterNoResponse must be between zero (no pause) and 1 hour.", o => { Valid(o); o.PauseAfterNoResponse = TimeSpan.FromMinutes(-1); } },
        { "WebhookSinkOptions.PauseAfterNoResponse must be between zero (no pause) and 1 hour.", o => { Valid(o); o.PauseAfterNoResponse = TimeSpan.FromHours(2); } },
        { "UserAgent", o => { Valid(o); o.UserAgent = "a\r\nX-Injected: 1"; } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_rejected_with_a_message_that_never_contains_the_secret(string expected, Action<WebhookSinkOptions> configure)
    {
        using var provider = Build(configure);

        var act = () => provider.GetRequiredService<IOptions<WebhookSinkOptions>>().Value;

        var error = act.Should().Throw<OptionsValidationException>().Which;
        error.Message.Should().Contain(expected);
        error.Message.Should().NotContain(Secret);
    }

    [Fact]
    public void Http_url_is_accepted_when_private_network_destinations_are_allowed()
    {
        using var provider = Build(o =>
        {
            o.AllowPrivateNetworkDestinations = true;
            o.Endpoints.Add(SinkHarness.Endpoint("local", new Uri("http://127.0.0.1:5000/"), Secret));
        });

        provider.GetRequiredService<IOptions<WebhookSinkOptions>>().Value.Endpoints.Should().ContainSingle();
    }

    [Fact]
    public async Task Invalid_options_fail_the_host_at_start_up()
    {
        var builder = Host.CreateApplicationBuilder();
        new InvitationsBuilder(builder.Services).UseWebhooks(o => o.Endpoints.Add(
            SinkHarness.Endpoint("a", new Uri("https://hooks.example.com/"), "whsec_short")));
        using var host = builder.Build();

        var act = () => host.StartAsync();

        await act.Should().ThrowAsync<OptionsValidationException>();
    }

    private sealed class NullSink : IWebhookSink
    {
        public ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact, CancellationToken cancellationToken) => ValueTask.FromResult(DeliveryResult.Delivered());
    }
}
