using NodaTime;

namespace Invitations;

/// <summary>
/// A fact or message saved atomically with the state change that caused it, waiting for delivery.
/// Dispatchers claim items with a lease; an item is claimable only when it is pending, due, not
/// under a live lease, and no earlier item (lower <see cref="Sequence"/>) of the same invitation,
/// <see cref="Kind"/> and <see cref="Lane"/> is still pending: that gives delivery in order per invitation and lane.
/// </summary>
public sealed record OutboxItem
{
    /// <summary>The item's id.</summary>
    public required OutboxItemId Id { get; init; }

    /// <summary>The invitation the item belongs to.</summary>
    public required InvitationId InvitationId { get; init; }

    /// <summary>Whether the item carries a fact or a message.</summary>
    public required OutboxItemKind Kind { get; init; }

    /// <summary>The order of this item among the invitation's items of the same kind (strictly increasing).</summary>
    public required long Sequence { get; init; }

    /// <summary>
    /// The receiver this item delivers to, for facts when the host has more than one (a sink's lane or a fact
    /// handler's name): each lane is its own queue with its own progress. Empty (the default, and every message) means
    /// every receiver, one item for all of them.
    /// </summary>
    public string Lane { get; init; } = "";

    /// <summary>The fact, when <see cref="Kind"/> is <see cref="OutboxItemKind.Fact"/>.</summary>
    public InvitationFact? Fact { get; init; }

    /// <summary>
    /// The message, when <see cref="Kind"/> is <see cref="OutboxItemKind.Message"/>. Its body carries the
    /// invitation link, so a store must drop it when the item is completed or failed.
    /// </summary>
    public OutgoingMessage? Message { get; init; }

    /// <summary>The current status.</summary>
    public OutboxItemStatus Status { get; init; }

    /// <summary>When the item was saved.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>The earliest time the next delivery attempt may start.</summary>
    public required Instant DueAt { get; init; }

    /// <summary>How many delivery attempts have been released as failed so far.</summary>
    public int Attempts { get; init; }

    /// <summary>The dispatcher currently holding the lease, if any.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>When the current lease ends; after it any dispatcher may claim the item again.</summary>
    public Instant? LeaseExpiresAt { get; init; }

    /// <summary>The last failure's description.</summary>
    public string? LastError { get; init; }

    /// <summary>When the item was delivered or given up on.</summary>
    public Instant? CompletedAt { get; init; }
}
