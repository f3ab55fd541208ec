namespace Invitations;

/// <summary>
/// An immutable stored record and its effective state at a moment: what a snapshot is projected from
/// when it is read, instead of being copied when the fact is created.
/// </summary>
internal readonly record struct SnapshotSource(InvitationData? Data, InvitationState State)
{
    public InvitationSnapshot? Project() => Data is null ? null : InvitationSnapshot.From(Data, State);
}
