namespace Invitations.Delivery;

/// <summary>
/// A write the dispatcher made for a service: its status, the invitation as saved, and the outbox items the store
/// leased to this dispatcher in the same write (for inline delivery without a claim).
/// </summary>
/// <param name="Status">The store's answer.</param>
/// <param name="Invitation">The invitation as written.</param>
/// <param name="Saved">How many outbox items the write saved.</param>
/// <param name="Leased">The saved items leased to this dispatcher.</param>
internal readonly record struct SavedWrite(StoreWriteStatus Status, InvitationData Invitation, int Saved, IReadOnlyList<OutboxItem> Leased);
