using Invitations.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Standard Webhooks HTTP sink on an <see cref="InvitationsBuilder"/>.</summary>
public static class WebhooksInvitationsBuilderExtensions
{
    /// <summary>
    /// Delivers facts to HTTP endpoints with <see cref="WebhookSink"/>: registers and validates (at start-up)
    /// <see cref="WebhookSinkOptions"/>, the named <see cref="HttpClient"/> <see cref="WebhookSink.HttpClientName"/>
    /// (no redirects, no cookies, no proxy, SSRF guard) and the sink itself, replacing the in-memory default.
    /// The clock is the registered NodaTime <c>IClock</c>, or the system clock.
    /// </summary>
    /// <param name="builder">The invitations builder.</param>
    /// <param name="configure">Configures endpoints, secrets and limits.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder UseWebhooks(this InvitationsBuilder builder, Action<WebhookSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;

        services.AddOptions<WebhookSinkOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookSinkOptions>, WebhookSinkOptionsValidator>());

        services.AddHttpClient(WebhookSink.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<IOptionsMonitor<WebhookSinkOptions>>().CurrentValue))
            .RemoveAllLoggers();

        return builder.AddWebhookSink<WebhookSink>();
    }

    internal static SocketsHttpHandler CreateHandler(WebhookSinkOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (!options.AllowPrivateNetworkDestinations)
        {
            handler.ConnectCallback = DestinationGuard.ConnectPublicOnlyAsync;
        }

        return handler;
    }
}
