namespace Invitations;

/// <summary>What a run's owner learns when it saves the run's progress (<see cref="IBulkRunStore.SaveRunProgressAsync"/>).</summary>
public enum BulkRunLeaseStatus
{
    /// <summary>Saved; the owner still holds the run and goes on.</summary>
    Held = 0,

    /// <summary>Saved, and some instance asked the run to stop: the owner stops between requests and completes it as terminated.</summary>
    CancelRequested = 1,

    /// <summary>Nothing saved: the run is unknown, has another owner, or has already ended (its lease was seen lapsed). The owner stops.</summary>
    Lost = 2,
}
