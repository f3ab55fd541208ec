using System.Collections.ObjectModel;
using System.Text.Json.Serialization;
using NodaTime;

namespace Invitations;

/// <summary>
/// One fact (webhook event) about an invitation. It is saved in the same atomic store call as the
/// state change that caused it and delivered at least once, in <see cref="Sequence"/> order per
/// invitation. Receivers deduplicate on <see cref="Id"/>. It never carries a token or password.
/// </summary>
public sealed record InvitationFact
{
    private readonly InvitationSnapshot? _oldValue;
    private readonly InvitationSnapshot? _newValue;
    private readonly SnapshotSource _oldSource;
    private readonly SnapshotSource _newSource;

    /// <summary>The unique id: the receiver's idempotency key.</summary>
    public required FactId Id { get; init; }

    /// <summary>The fact type, one of <see cref="FactTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary>Always <see cref="FactTypes.ObjectType"/> (<c>userinvitations</c>).</summary>
    public string ObjectType { get; init; } = FactTypes.ObjectType;

    /// <summary>The invitation id.</summary>
    public required InvitationId ObjectId { get; init; }

    /// <summary>The per-invitation sequence number: 1 for the first fact, strictly increasing.</summary>
    public required long Sequence { get; init; }

    /// <summary>When the transition happened.</summary>
    public required Instant OccurredAt { get; init; }

    /// <summary>Extra attributes (<c>_id</c>; <c>sub</c> on acceptance; <c>reason</c>, <c>error</c> where relevant).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The invitation before the transition, when there was one.</summary>
    /// <remarks>
    /// A fact the library creates keeps the immutable <see cref="InvitationData"/> it was made from and
    /// projects a new snapshot on every read of this property, so accepting and storing facts copies no
    /// snapshots; a fact set from JSON or an initializer returns the snapshot it was given.
    /// </remarks>
    public InvitationSnapshot? OldValue
    {
        get => _oldValue ?? _oldSource.Project();
        init => (_oldValue, _oldSource) = (value, default);
    }

    /// <summary>The invitation after the transition.</summary>
    /// <remarks>Projected on read like <see cref="OldValue"/>.</remarks>
    public InvitationSnapshot? NewValue
    {
        get => _newValue ?? _newSource.Project();
        init => (_newValue, _newSource) = (value, default);
    }

    /// <summary>A host-configured URL where the invitation can be viewed, if any.</summary>
    public string? Url { get; init; }

    /// <summary>
    /// The request that caused the fact, its secrets removed, when the fact type carries one:
    /// <see cref="FactTypes.AccountCreated"/> carries the register request without the password (cidaas puts it in
    /// <c>newValue</c>; here <see cref="NewValue"/> is always an invitation, so the request has its own member). Null otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Request { get; init; }

    /// <summary>The snapshot set by an initializer or JSON, if any (a projection is never cached here).</summary>
    internal InvitationSnapshot? GivenOldValue => _oldValue;

    /// <summary>The snapshot set by an initializer or JSON, if any.</summary>
    internal InvitationSnapshot? GivenNewValue => _newValue;

    /// <summary>
    /// The stored record <see cref="OldValue"/> is projected from: how the library (or a store adapter rebuilding a fact
    /// from its records) makes a fact without copying a snapshot. Setting it replaces a given <see cref="OldValue"/>. Not part
    /// of the JSON form: JSON carries the projected <c>old_value</c>.
    /// </summary>
    [JsonIgnore]
    public SnapshotSource OldSource { get => _oldSource; init => (_oldValue, _oldSource) = (null, value); }

    /// <summary>The stored record <see cref="NewValue"/> is projected from; see <see cref="OldSource"/>.</summary>
    [JsonIgnore]
    public SnapshotSource NewSource { get => _newSource; init => (_newValue, _newSource) = (null, value); }

    /// <summary>
    /// Equal when every public member is equal; snapshots compare by value, whether they were given or are
    /// projected from the stored records. <see cref="Attributes"/> and <see cref="Request"/> compare by reference, as a dictionary would.
    /// </summary>
    /// <param name="other">The other fact.</param>
    /// <returns>Whether the two facts are equal.</returns>
    public bool Equals(InvitationFact? other) =>
        ReferenceEquals(this, other) || (other is not null
            && Id == other.Id && string.Equals(Type, other.Type, StringComparison.Ordinal)
            && string.Equals(ObjectType, other.ObjectType, StringComparison.Ordinal) && ObjectId == other.ObjectId
            && Sequence == other.Sequence && OccurredAt == other.OccurredAt && ReferenceEquals(Attributes, other.Attributes)
            && Equals(OldValue, other.OldValue) && Equals(NewValue, other.NewValue) && string.Equals(Url, other.Url, StringComparison.Ordinal)
            && ReferenceEquals(Request, other.Request));

    /// <summary>A hash of the identifying members (consistent with <see cref="Equals(InvitationFact)"/>).</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Id, ObjectId, Sequence, OccurredAt);
}
