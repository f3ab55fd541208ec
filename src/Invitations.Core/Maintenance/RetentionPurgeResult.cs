namespace Invitations.Maintenance;

/// <summary>What one retention purge deleted.</summary>
internal sealed record RetentionPurgeResult
{
    /// <summary>Finished outbox items (facts and message records) deleted because they were older than the retention.</summary>
    public int OutboxItems { get; init; }

    /// <summary>Closed invitations (with their remaining outbox items) deleted because they closed longer ago than the retention.</summary>
    public int Invitations { get; init; }
}
