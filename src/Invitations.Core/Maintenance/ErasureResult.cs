namespace Invitations;

/// <summary>What an erasure request removed: the answer to give the data subject and the audit log.</summary>
public sealed record ErasureResult
{
    /// <summary>How many invitations about the person were deleted.</summary>
    public int Invitations { get; init; }

    /// <summary>How many outbox items (facts and messages, delivered or not) of those invitations were deleted with them.</summary>
    public int OutboxItems { get; init; }
}
