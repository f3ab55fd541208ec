using System.ComponentModel.DataAnnotations;
using Invitations.Internal;

namespace Invitations;

/// <summary>The background maintenance: expiry sweep, retention purge, automatic re-invites (<see cref="InvitationsOptions.Maintenance"/>).</summary>
public sealed class MaintenanceOptions
{
    /// <summary>
    /// Whether this instance runs the background maintenance. Set it to <see langword="false"/> on nodes that must not
    /// (for example web nodes while a worker does); the sweep and purge stay callable by the host.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How often the background maintenance runs.</summary>
    /// <value>The default is 1 minute.</value>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807", ErrorMessage = "Maintenance.Interval must be positive, for example 00:01:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many invitations or outbox items one maintenance batch handles.</summary>
    /// <value>The default is 500.</value>
    [Bounds(1, 10_000, ErrorMessage = "Maintenance.BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How often an expired invitation is re-invited automatically by the sweep: it is resent while it has been resent
    /// fewer than this many times.
    /// </summary>
    /// <value>The default is 0: never (SailPoint does it by default and users dislike it).</value>
    [Bounds(0, int.MaxValue, ErrorMessage = "Maintenance.MaxAutomaticReinvites must not be negative.")]
    public int MaxAutomaticReinvites { get; set; }
}
