using System.ComponentModel.DataAnnotations;
using Invitations.Internal;

namespace Invitations;

/// <summary>
/// Thresholds of the health checks <c>IHealthChecksBuilder.AddInvitations()</c> registers (<see cref="InvitationsOptions.HealthChecks"/>).
/// A value at or above a Degraded threshold reports Degraded, at or above an Unhealthy one Unhealthy.
/// </summary>
public sealed class HealthCheckOptions
{
    /// <summary>How long the store check waits for its cheap store call before it reports Unhealthy.</summary>
    /// <value>The default is 5 seconds.</value>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "1.00:00:00", ErrorMessage = "HealthChecks.StoreTimeout must be positive and at most a day, for example 00:00:05.")]
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Due outbox items at which the outbox check reports Degraded.</summary>
    /// <value>The default is 1,000.</value>
    [Bounds(1, long.MaxValue, ErrorMessage = "HealthChecks.BacklogDegraded must be positive.")]
    public long BacklogDegraded { get; set; } = 1_000;

    /// <summary>Due outbox items at which the outbox check reports Unhealthy.</summary>
    /// <value>The default is 10,000.</value>
    [Bounds(1, long.MaxValue, ErrorMessage = "HealthChecks.BacklogUnhealthy must be positive.")]
    public long BacklogUnhealthy { get; set; } = 10_000;

    /// <summary>How long the oldest due item may have waited before the outbox check reports Degraded.</summary>
    /// <value>The default is 5 minutes.</value>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807", ErrorMessage = "HealthChecks.OldestDueDegraded must be positive, for example 00:05:00.")]
    public TimeSpan OldestDueDegraded { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the oldest due item may have waited before the outbox check reports Unhealthy.</summary>
    /// <value>The default is 30 minutes.</value>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807", ErrorMessage = "HealthChecks.OldestDueUnhealthy must be positive, for example 00:30:00.")]
    public TimeSpan OldestDueUnhealthy { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How many <see cref="DeliveryOptions.PollInterval"/>s may pass without a heartbeat of the background dispatcher's
    /// loop before the dispatcher check reports Unhealthy (a slow batch also delays the beat, so leave room).
    /// </summary>
    /// <value>The default is 3.</value>
    [Bounds(1, 1_000, ErrorMessage = "HealthChecks.DispatcherMissedPolls must be between 1 and 1000.")]
    public int DispatcherMissedPolls { get; set; } = 3;
}
