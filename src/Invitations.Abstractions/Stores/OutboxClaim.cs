using NodaTime;

namespace Invitations;

/// <summary>A dispatcher's request to lease due outbox items.</summary>
public sealed record OutboxClaim
{
    /// <summary>A unique name for the claiming dispatcher (machine + process + instance).</summary>
    public required string Owner { get; init; }

    /// <summary>The maximum number of items to lease.</summary>
    public int MaxItems { get; init; } = 100;

    /// <summary>How long the lease lasts; a dispatcher that dies leaves its items claimable after it.</summary>
    public required Duration LeaseDuration { get; init; }

    /// <summary>The current time.</summary>
    public required Instant Now { get; init; }

    /// <summary>Restrict the claim to one invitation (used for inline dispatch right after a save), or null for all.</summary>
    public InvitationId? InvitationId { get; init; }
}
