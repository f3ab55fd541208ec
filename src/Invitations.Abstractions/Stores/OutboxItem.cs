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

    // The draft in fields rather than one FactDraft (two SnapshotSource of a reference and a padded enum each): every item,
    // messages too, carries these, and the states as bytes fit in the padding beside the item's other small fields.
    private readonly InvitationFact? _fact;
    private readonly InvitationData? _oldRecord;
    private readonly InvitationData? _newRecord;
    private readonly byte _oldState;
    private readonly byte _newState;

    /// <summary>The fact, when <see cref="Kind"/> is <see cref="OutboxItemKind.Fact"/>.</summary>
    /// <remarks>
    /// For an item the library made, the fact is projected from <see cref="Draft"/> on every read (a new object each
    /// time): a store that persists the item writes <see cref="Draft"/> with <see cref="InvitationJson.SerializeFact(FactDraft)"/>
    /// instead, which copies nothing. Setting it replaces <see cref="Draft"/>.
    /// </remarks>
    public InvitationFact? Fact
    {
        get => Draft.ToFact();
        init => Draft = value is null ? default : FactDraft.Of(value);
    }

    /// <summary>
    /// The fact as the library made it (the envelope and the records its snapshots are projected from), or the default
    /// value when the item carries no fact. Setting it replaces <see cref="Fact"/>.
    /// </summary>
    public FactDraft Draft
    {
        get => _fact is null ? default : new(_fact, Source(_oldRecord, _oldState), Source(_newRecord, _newState));
        init
        {
            (_fact, _oldRecord, _newRecord) = (value.Envelope, value.OldSource.Data, value.NewSource.Data);
            (_oldState, _newState) = ((byte)value.OldSource.State, (byte)value.NewSource.State);
        }
    }

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

    /// <summary>
    /// The W3C <c>traceparent</c> of the span that saved the item (the request that caused it), or null: a background
    /// delivery continues that trace. Never carries anything but trace and span ids and flags.
    /// </summary>
    public string? TraceParent { get; init; }

    private static SnapshotSource Source(InvitationData? record, byte state) => record is null ? default : new(record, (InvitationState)state);
}
