using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using NodaTime;
using NodaTime.Testing;

namespace Invitations.Webhooks.Tests;

/// <summary>A <see cref="WebhookSink"/> built through <c>UseWebhooks</c> with a fake clock and captured logs.</summary>
internal sealed class SinkHarness : IDisposable
{
    private readonly ServiceProvider _provider;

    public SinkHarness(Action<WebhookSinkOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        Clock = new FakeClock(Instant.FromUnixTimeSeconds(SystemClock.Instance.GetCurrentInstant().ToUnixTimeSeconds()));
        services.AddSingleton<IClock>(Clock);
        new InvitationsBuilder(services).UseWebhooks(configure);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Sink = (WebhookSink)_provider.GetRequiredService<IWebhookSink>();
        Logs = _provider.GetFakeLogCollector();
    }

    public FakeClock Clock { get; }

    public WebhookSink Sink { get; }

    public FakeLogCollector Logs { get; }

    public static WebhookEndpoint Endpoint(string name, Uri url, string secret, params string[] eventTypes)
    {
        var endpoint = new WebhookEndpoint { Name = name, Url = url };
        endpoint.Secrets.Add(secret);
        foreach (var type in eventTypes)
        {
            endpoint.EventTypes.Add(type);
        }

        return endpoint;
    }

    public ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact) => Sink.DeliverAsync(fact, CancellationToken.None);

    public void Dispose() => _provider.Dispose();
}
