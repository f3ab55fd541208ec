namespace Invitations;

/// <summary>The result of a write that leased the outbox items it saved.</summary>
/// <param name="Status"><see cref="StoreWriteStatus.Saved"/>, or why nothing was written.</param>
/// <param name="Leased">
/// The saved items now leased to the write's <see cref="OutboxLease.Owner"/>, in (kind, sequence) order, as a claim
/// returns them. Empty when nothing was saved, and may hold fewer items than were saved: an item is leased only
/// when it heads its (invitation, kind) queue; the rest are claimed as usual.
/// </param>
public sealed record LeasedWriteResult(StoreWriteStatus Status, IReadOnlyList<OutboxItem> Leased);
