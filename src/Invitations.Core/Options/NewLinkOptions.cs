using System.ComponentModel.DataAnnotations;
using Invitations.Internal;

namespace Invitations;

/// <summary>
/// "Send me a new link": the holder of an expired or lost invitation asks for a fresh link with the old token or the
/// address (<see cref="InvitationsOptions.NewLinks"/>, <see cref="IInvitationRedemption.RequestNewLinkAsync"/>).
/// </summary>
public sealed class NewLinkOptions
{
    /// <summary>
    /// Whether anyone may ask. A request is a resend to the address the invitation was delivered to: it rotates the
    /// token (the previous link stops working), counts against <see cref="InvitationLimitOptions.MaxResends"/> and waits
    /// <see cref="InvitationLimitOptions.ResendCooldown"/>.
    /// </summary>
    /// <value>The default is <see langword="false"/>: an opt-in policy.</value>
    public bool Enabled { get; set; }

    /// <summary>
    /// How long after its expiry an invitation may still be renewed by its holder (a new lifetime from the request on).
    /// <see cref="TimeSpan.Zero"/> renews none: only pending invitations get a new link.
    /// </summary>
    /// <value>The default is 30 days.</value>
    [Bounds(typeof(TimeSpan), "00:00:00", "3650.00:00:00", ErrorMessage = "NewLinks.RenewExpiredFor must be between 0 and 3650 days.")]
    public TimeSpan RenewExpiredFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long after the last send a request by <em>address</em> (without the old token) may send again. Anyone can name
    /// an address, so without this a stranger could rotate someone's live link every <see cref="InvitationLimitOptions.ResendCooldown"/>
    /// and use up its resends; a request with the token (only its holder has it) waits the ordinary resend cooldown.
    /// A request inside the window gets the same answer and sends nothing.
    /// </summary>
    /// <value>The default is 1 hour.</value>
    [Bounds(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "NewLinks.AddressCooldown must be between 0 and 30 days.")]
    public TimeSpan AddressCooldown { get; set; } = TimeSpan.FromHours(1);
}
