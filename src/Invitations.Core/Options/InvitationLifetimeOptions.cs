using System.ComponentModel.DataAnnotations;
using Invitations.Internal;

namespace Invitations;

/// <summary>
/// How long an invitation stays valid (<see cref="InvitationsOptions.Lifetime"/>); must satisfy
/// 0 &lt; <see cref="Min"/> ≤ <see cref="Default"/> ≤ <see cref="Max"/>. In configuration a duration is written
/// <c>7.00:00:00</c> or ISO-8601 <c>P7D</c>.
/// </summary>
public sealed class InvitationLifetimeOptions
{
    /// <summary>The lifetime of a new or resent invitation when the request gives none.</summary>
    /// <value>The default is 7 days (cidaas).</value>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807", ErrorMessage = "Lifetime.Default must be positive, for example 7.00:00:00.")]
    public TimeSpan Default { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The shortest lifetime a request may ask for.</summary>
    /// <value>The default is 1 hour.</value>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807", ErrorMessage = "Lifetime.Min must be positive, for example 01:00:00.")]
    public TimeSpan Min { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest lifetime a request may ask for.</summary>
    /// <value>The default is 30 days.</value>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807", ErrorMessage = "Lifetime.Max must be positive, for example 30.00:00:00.")]
    public TimeSpan Max { get; set; } = TimeSpan.FromDays(30);
}
