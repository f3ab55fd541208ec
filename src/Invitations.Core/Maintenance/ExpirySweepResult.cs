namespace Invitations.Maintenance;

/// <summary>What one expiry sweep did.</summary>
internal sealed record ExpirySweepResult
{
    /// <summary>How many invitations this sweep persisted as Expired (each with one <c>INVITE_EXPIRED</c>); a concurrent sweeper's share is not counted.</summary>
    public int Expired { get; init; }

    /// <summary>How many of them were re-invited automatically (<see cref="MaintenanceOptions.MaxAutomaticReinvites"/>).</summary>
    public int Reinvited { get; init; }
}
