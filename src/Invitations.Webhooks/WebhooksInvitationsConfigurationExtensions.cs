using Invitations.Configuration;
using Invitations.Webhooks;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Standard Webhooks HTTP sink with its options bound from configuration.</summary>
public static class WebhooksInvitationsConfigurationExtensions
{
    /// <summary>
    /// As <see cref="WebhooksInvitationsBuilderExtensions.UseWebhooks(InvitationsBuilder, Action{WebhookSinkOptions})"/>, with
    /// <see cref="WebhookSinkOptions"/> bound from <paramref name="configuration"/> (for example the section
    /// <c>Invitations:Webhooks</c>: <c>Endpoints:0:Name</c>, <c>Endpoints:0:Url</c>, <c>Endpoints:0:Secrets:0</c>, <c>Timeout</c>
    /// as <c>00:00:15</c> or <c>PT15S</c>, …). Keep the secrets in a secret store, not in <c>appsettings.json</c>.
    /// </summary>
    /// <param name="builder">The invitations builder.</param>
    /// <param name="configuration">The section holding the endpoints and limits.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder UseWebhooks(this InvitationsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.UseWebhooks(static _ => { });
        builder.Services.AddOptions<WebhookSinkOptions>().BindReplacingCollections(configuration);
        return builder;
    }
}
