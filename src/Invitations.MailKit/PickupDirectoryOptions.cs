namespace Invitations.MailKit;

/// <summary>
/// Settings of <see cref="PickupDirectoryMessageSender"/>; bind them from configuration with
/// <c>UsePickupDirectory(configuration.GetSection("Invitations:Pickup"))</c>.
/// </summary>
public sealed class PickupDirectoryOptions
{
    /// <summary>The directory the <c>.eml</c> files are written to; created when missing. Required.</summary>
    /// <value>The default is empty.</value>
    public string Directory { get; set; } = "";

    /// <summary>The <c>From</c> address written into each message.</summary>
    /// <value>The default is <c>invitations@localhost</c>.</value>
    public string FromAddress { get; set; } = "invitations@localhost";

    /// <summary>The <c>From</c> display name used when the message carries none.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? FromName { get; set; }

    /// <summary>The <c>Reply-To</c> address used when the message carries none.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? ReplyTo { get; set; }
}
