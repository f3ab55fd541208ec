using System.ComponentModel.DataAnnotations;
using Invitations.Internal;

namespace Invitations;

/// <summary>Bounds on one invitation, its resends and bulk runs (<see cref="InvitationsOptions.Limits"/>).</summary>
public sealed class InvitationLimitOptions
{
    /// <summary>The most groups, and separately the most roles, one invitation may carry.</summary>
    /// <value>The default is 100.</value>
    [Bounds(1, int.MaxValue, ErrorMessage = "Limits.MaxGroupsOrRoles must be positive.")]
    public int MaxGroupsOrRoles { get; set; } = 100;

    /// <summary>The most custom fields one invitation may carry.</summary>
    /// <value>The default is 50.</value>
    [Bounds(0, int.MaxValue, ErrorMessage = "Limits.MaxCustomFields must not be negative.")]
    public int MaxCustomFields { get; set; } = 50;

    /// <summary>The most resends of one invitation.</summary>
    /// <value>The default is 10.</value>
    [Bounds(0, int.MaxValue, ErrorMessage = "Limits.MaxResends must not be negative.")]
    public int MaxResends { get; set; } = 10;

    /// <summary>The minimum time between two sends of one invitation.</summary>
    /// <value>The default is 1 minute.</value>
    [Bounds(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", ErrorMessage = "Limits.ResendCooldown must not be negative.")]
    public TimeSpan ResendCooldown { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most identities one "invite every unregistered identity" run invites (SailPoint: 1000).</summary>
    /// <value>The default is 1000.</value>
    [Bounds(1, int.MaxValue, ErrorMessage = "Limits.MaxUnregisteredInvitesPerRun must be positive.")]
    public int MaxUnregisteredInvitesPerRun { get; set; } = 1000;
}
