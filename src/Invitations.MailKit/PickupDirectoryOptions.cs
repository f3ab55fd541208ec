namespace Invitations.MailKit;

/// <summary>Settings of <see cref="PickupDirectoryMessageSender"/>.</summary>
public sealed class PickupDirectoryOptions
{
    /// <summary>The directory the <c>.eml</c> files are written to; created when missing. Required.</summary>
    public string Directory { get; set; } = "";

    /// <summary>The <c>From</c> address written into each message (<c>invitations@localhost</c> by default).</summary>
    public string FromAddress { get; set; } = "invitations@localhost";

    /// <summary>The <c>From</c> display name used when the message carries none.</summary>
    public string? FromName { get; set; }

    /// <summary>The <c>Reply-To</c> address used when the message carries none.</summary>
    public string? ReplyTo { get; set; }
}
