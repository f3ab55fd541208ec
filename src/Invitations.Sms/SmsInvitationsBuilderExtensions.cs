using Invitations.Sms;
using Invitations.Sms.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Invitations.Sms sender on an <see cref="InvitationsBuilder"/>.</summary>
public static class SmsInvitationsBuilderExtensions
{
    /// <summary>
    /// Sends invitation SMS through an HTTP gateway (<see cref="HttpSmsSender"/>). The settings are validated when
    /// the host starts. Registers the named <see cref="HttpClient"/> <see cref="HttpSmsSender.HttpClientName"/>
    /// (redirects not followed); add handlers to it with <c>services.AddHttpClient(HttpSmsSender.HttpClientName)</c>.
    /// </summary>
    /// <param name="builder">The invitations builder.</param>
    /// <param name="configure">Sets the gateway settings.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder UseHttpSms(this InvitationsBuilder builder, Action<HttpSmsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<HttpSmsOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpSmsOptions>, HttpSmsOptionsValidator>());
        builder.Services.AddHttpClient(HttpSmsSender.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        return builder.AddMessageSender<HttpSmsSender>();
    }
}
