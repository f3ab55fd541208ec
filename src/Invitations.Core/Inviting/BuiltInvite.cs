namespace Invitations.Inviting;

/// <summary>
/// A new invitation ready to save: the data, its outbox items, the link (shown once, never stored) and the rendered
/// message, or null when nothing is sent. A struct: the single invite path carries it across one await only.
/// </summary>
internal readonly record struct BuiltInvite(InvitationData Data, IReadOnlyList<OutboxItem> Outbox, string Link, OutgoingMessage? Message);
