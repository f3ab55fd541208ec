namespace Invitations;

/// <summary>Where an outbox item is in its delivery.</summary>
public enum OutboxItemStatus
{
    /// <summary>Waiting for delivery (possibly leased by a dispatcher right now).</summary>
    Pending = 0,

    /// <summary>Delivered; kept until retention purges it.</summary>
    Delivered = 1,

    /// <summary>Given up on (permanent failure or retries exhausted); kept until retention purges it.</summary>
    Failed = 2,
}
