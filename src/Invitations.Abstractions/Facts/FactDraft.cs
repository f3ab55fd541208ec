namespace Invitations;

/// <summary>
/// A fact as the library makes it and its outbox carries it to the store: the envelope, and the stored records its
/// <see cref="InvitationFact.OldValue"/>/<see cref="InvitationFact.NewValue"/> are projected from. Making, saving and
/// serializing a fact (<see cref="InvitationJson.SerializeFact(FactDraft)"/>) so copies no snapshot; the complete
/// <see cref="InvitationFact"/> is made by <see cref="ToFact"/> only where a receiver is handed one.
/// </summary>
/// <remarks>
/// A store keeps the draft as it is (<see cref="OutboxItem.Draft"/>) or writes its JSON; it never needs to project it.
/// A draft made from a complete fact (<see cref="Of"/>, or the default sources) is that fact.
/// </remarks>
/// <param name="Envelope">
/// The fact. Where a source has a value, the snapshot on that side is projected from it and the envelope's own value
/// on that side is ignored (the library leaves it null).
/// </param>
/// <param name="OldSource">The record before the transition with its effective state then; default for an invitation's first fact.</param>
/// <param name="NewSource">The record after the transition with its effective state then; default for a fact given complete.</param>
public readonly record struct FactDraft(InvitationFact Envelope, SnapshotSource OldSource, SnapshotSource NewSource)
{
    /// <summary>The draft of a complete fact: its snapshots are the ones it carries.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>The draft.</returns>
    public static FactDraft Of(InvitationFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return new(fact, default, default);
    }

    /// <summary>Whether the draft carries a fact (the default value does not).</summary>
    public bool HasValue => Envelope is not null;

    /// <summary>The complete fact, its snapshots projected from the sources that have a value (a new fact on every call).</summary>
    /// <returns>The fact, or null for the default value.</returns>
    public InvitationFact? ToFact() => Envelope is null ? null
        : !OldSource.HasValue && !NewSource.HasValue ? Envelope
        : Envelope with
        {
            OldValue = OldSource.HasValue ? OldSource.Project() : Envelope.OldValue,
            NewValue = NewSource.HasValue ? NewSource.Project() : Envelope.NewValue,
        };
}
