using System.Collections.ObjectModel;
using NodaTime;

namespace Invitations;

/// <summary>
/// One fact (webhook event) about an invitation. It is saved in the same atomic store call as the
/// state change that caused it and delivered at least once, in <see cref="Sequence"/> order per
/// invitation. Receivers deduplicate on <see cref="Id"/>. It never carries a token or password.
/// </summary>
public sealed record InvitationFact
{
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
    /// <remarks>Compared by reference in <see cref="Equals(InvitationFact)"/>, as every dictionary member of a record is.</remarks>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The invitation before the transition, when there was one.</summary>
    public InvitationSnapshot? OldValue { get; init; }

    /// <summary>The invitation after the transition.</summary>
    public InvitationSnapshot? NewValue { get; init; }

    /// <summary>A host-configured URL where the invitation can be viewed, if any.</summary>
    public string? Url { get; init; }

    /// <summary>
    /// The request that caused the fact, its secrets removed, when the fact type carries one:
    /// <see cref="FactTypes.AccountCreated"/> carries the register request without the password (cidaas puts it in
    /// <c>newValue</c>; here <see cref="NewValue"/> is always an invitation, so the request has its own member). Null otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Request { get; init; }
}
