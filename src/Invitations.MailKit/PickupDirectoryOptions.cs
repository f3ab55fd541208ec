using System.ComponentModel.DataAnnotations;

namespace Invitations.MailKit;

/// <summary>
/// Settings of <see cref="PickupDirectoryMessageSender"/>; bind them from configuration with
/// <c>UsePickupDirectory(configuration.GetSection("Invitations:Pickup"))</c>.
/// </summary>
public sealed class PickupDirectoryOptions
{
    /// <summary>The directory the <c>.eml</c> files are written to; created when missing. Required.</summary>
    /// <value>The default is empty.</value>
    [Required(ErrorMessage = "PickupDirectoryOptions.Directory is required (the folder .eml files are written to).")]
    public string Directory { get; set; } = "";

    /// <summary>The <c>From</c> address written into each message.</summary>
    /// <value>The default is <c>invitations@localhost</c>.</value>
    public string FromAddress { get; set; } = "invitations@localhost";

    /// <summary>The <c>From</c> display name (the message's only when <see cref="AllowMessageOverrides"/> allows it).</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? FromName { get; set; }

    /// <summary>The <c>Reply-To</c> address (the message's only when <see cref="AllowMessageOverrides"/> allows it).</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? ReplyTo { get; set; }

    /// <summary>
    /// Which of a message's sender values may replace <see cref="FromName"/> and <see cref="ReplyTo"/>
    /// (<see cref="MailSenderOverrides.None"/> by default: the configured ones are always used, so an invite request's
    /// branding <c>fromName</c> cannot name the sender). Set <see cref="MailSenderOverrides.FromName"/> to let
    /// per-request branding (or Core's <c>DefaultFromName</c>) through.
    /// </summary>
    public MailSenderOverrides AllowMessageOverrides { get; set; }
}
