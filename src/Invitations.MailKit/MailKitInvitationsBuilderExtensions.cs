using Invitations.MailKit;
using Invitations.MailKit.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Invitations.MailKit senders on an <see cref="InvitationsBuilder"/>.</summary>
public static class MailKitInvitationsBuilderExtensions
{
    /// <summary>
    /// Sends invitation e-mails through an SMTP server (<see cref="SmtpMessageSender"/>). The settings are
    /// validated when the host starts. As the last registered e-mail sender, it wins over earlier ones.
    /// </summary>
    /// <param name="builder">The invitations builder.</param>
    /// <param name="configure">Sets the SMTP settings.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder UseMailKit(this InvitationsBuilder builder, Action<SmtpSenderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<SmtpSenderOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpSenderOptions>, SmtpSenderOptionsValidator>());
        return builder.AddMessageSender<SmtpMessageSender>();
    }

    /// <summary>
    /// Writes invitation e-mails as <c>.eml</c> files into <paramref name="directory"/> instead of sending them
    /// (<see cref="PickupDirectoryMessageSender"/>), for development. As the last registered e-mail sender, it
    /// wins over earlier ones.
    /// </summary>
    /// <param name="builder">The invitations builder.</param>
    /// <param name="directory">The directory; created when missing.</param>
    /// <param name="configure">Sets the From address and the other settings, if needed.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder UsePickupDirectory(this InvitationsBuilder builder, string directory, Action<PickupDirectoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        builder.Services.AddOptions<PickupDirectoryOptions>()
            .Configure(o =>
            {
                o.Directory = directory;
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PickupDirectoryOptions>, PickupDirectoryOptionsValidator>());
        return builder.AddMessageSender<PickupDirectoryMessageSender>();
    }
}
