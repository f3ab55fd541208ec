using Invitations.Configuration;
using Invitations.Sms;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Invitations.Sms sender with its settings bound from configuration.</summary>
public static class SmsInvitationsConfigurationExtensions
{
    /// <summary>
    /// As <see cref="SmsInvitationsBuilderExtensions.UseHttpSms(InvitationsBuilder, Action{HttpSmsOptions})"/>, with
    /// <see cref="HttpSmsOptions"/> bound from <paramref name="configuration"/> (for example the section <c>Invitations:Sms</c>:
    /// <c>Endpoint</c>, <c>BodyFormat</c>, <c>Fields</c>, <c>Headers</c>, <c>Timeout</c> as <c>00:00:30</c> or <c>PT30S</c>, …).
    /// Keep tokens and passwords in a secret store, not in <c>appsettings.json</c>.
    /// </summary>
    /// <param name="builder">The invitations builder.</param>
    /// <param name="configuration">The section holding the gateway settings.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder UseHttpSms(this InvitationsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.UseHttpSms(static _ => { });
        builder.Services.AddOptions<HttpSmsOptions>().BindReplacingCollections(configuration);
        return builder;
    }
}
