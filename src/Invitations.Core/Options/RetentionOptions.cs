using System.ComponentModel.DataAnnotations;
using Invitations.Internal;

namespace Invitations;

/// <summary>How long the library keeps what it no longer needs (<see cref="InvitationsOptions.Retention"/>).</summary>
public sealed class RetentionOptions
{
    /// <summary>
    /// How long delivered facts, finished outbox items and closed invitations are kept before the maintenance
    /// purges them. In configuration <c>365.00:00:00</c> or <c>P365D</c>.
    /// </summary>
    /// <value>The default is 365 days (cidaas).</value>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807", ErrorMessage = "Retention.Period must be positive, for example 365.00:00:00.")]
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(365);
}
