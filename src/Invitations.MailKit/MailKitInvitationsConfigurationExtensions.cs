using Invitations.Configuration;
using Invitations.MailKit;
using Invitations.MailKit.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Invitations.MailKit senders with their settings bound from configuration.</summary>
public static class MailKitInvitationsConfigurationExtensions
{
    /// <summary>
    /// As <see cref="MailKitInvitationsBuilderExtensions.UseMailKit(InvitationsBuilder, Action{SmtpSenderOptions})"/>, with
    /// <see cref="SmtpSenderOptions"/> bound from <paramref name="configuration"/> (for example the section
    /// <c>Invitations:Smtp</c>: <c>Host</c>, <c>Port</c>, <c>Security</c>, <c>UserName</c>, <c>Password</c>, <c>FromAddress</c>,
    /// <c>Timeout</c> as <c>00:00:30</c> or <c>PT30S</c>, …). Keep the password in a secret store, not in <c>appsettings.json</c>.
    /// </summary>
    /// <param name="builder">The invitations builder.</param>
    /// <param name="configuration">The section holding the SMTP settings.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder UseMailKit(this InvitationsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.UseMailKit(static _ => { });
        builder.Services.AddOptions<SmtpSenderOptions>().BindReplacingCollections(configuration);
        return builder;
    }

    /// <summary>
    /// As <see cref="MailKitInvitationsBuilderExtensions.UsePickupDirectory"/>, with <see cref="PickupDirectoryOptions"/>
    /// (<c>Directory</c>, <c>FromAddress</c>, …) bound from <paramref name="configuration"/>.
    /// </summary>
    /// <param name="builder">The invitations builder.</param>
    /// <param name="configuration">The section holding the pickup-directory settings.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder UsePickupDirectory(this InvitationsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<PickupDirectoryOptions>().BindReplacingCollections(configuration).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PickupDirectoryOptions>, PickupDirectoryOptionsValidator>());
        return builder.AddMessageSender<PickupDirectoryMessageSender>();
    }
}
