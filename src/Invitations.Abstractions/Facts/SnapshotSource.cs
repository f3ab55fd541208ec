namespace Invitations;

/// <summary>
/// A stored record and its effective state at one moment: what one side of a <see cref="FactDraft"/> is projected from
/// when the complete fact is made, so that creating, storing and serializing a fact copies no snapshot. The record
/// itself stays with the draft (it holds the token digest, which a fact never exposes): the projection is all a
/// receiver gets.
/// </summary>
public readonly record struct SnapshotSource
{
    /// <summary>Captures <paramref name="data"/> as it is in <paramref name="effectiveState"/>.</summary>
    /// <param name="data">The immutable stored record.</param>
    /// <param name="effectiveState">Its effective state at the fact's moment (a pending record past its expiry is expired).</param>
    public SnapshotSource(InvitationData data, InvitationState effectiveState)
    {
        ArgumentNullException.ThrowIfNull(data);
        (Data, State) = (data, effectiveState);
    }

    /// <summary>Whether there is a record (the default value has none).</summary>
    public bool HasValue => Data is not null;

    /// <summary>The record, for the fact writer of this package.</summary>
    internal InvitationData? Data { get; }

    /// <summary>The effective state the snapshot reports.</summary>
    internal InvitationState State { get; }

    /// <summary>Projects the record to its public view, or null for the default value.</summary>
    /// <returns>A new snapshot, or null.</returns>
    public InvitationSnapshot? Project() => Data is null ? null : InvitationSnapshot.From(Data, State);
}
