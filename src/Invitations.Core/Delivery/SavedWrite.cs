namespace Invitations.Delivery;

/// <summary>
/// A write the dispatcher made for a service: its status, the invitation as saved, and the outbox items the store
/// leased to this dispatcher in the same write (for inline delivery without a claim). A class, not a struct: the
/// services' async state machines hold it across an await, and one reference keeps them as small as the bare status
/// did; without inline dispatch the dispatcher hands out one shared instance per status.
/// </summary>
internal sealed class SavedWrite
{
    private static readonly SavedWrite[] Unleased = Enum.GetValues<StoreWriteStatus>()
        .Select(static s => new SavedWrite(s, invitation: null, saved: 0, []))
        .ToArray();

    public SavedWrite(StoreWriteStatus status, InvitationData? invitation, int saved, IReadOnlyList<OutboxItem> leased)
    {
        Status = status;
        Invitation = invitation;
        Saved = saved;
        Leased = leased;
    }

    /// <summary>The store's answer.</summary>
    public StoreWriteStatus Status { get; }

    /// <summary>The invitation as written; null on the shared instances (nothing to dispatch inline).</summary>
    public InvitationData? Invitation { get; }

    /// <summary>How many outbox items the write saved.</summary>
    public int Saved { get; }

    /// <summary>The saved items leased to this dispatcher.</summary>
    public IReadOnlyList<OutboxItem> Leased { get; }

    /// <summary>The shared result of a write that leased nothing and is not dispatched inline.</summary>
    public static SavedWrite Of(StoreWriteStatus status) =>
        (int)status >= 0 && (int)status < Unleased.Length && Unleased[(int)status].Status == status ? Unleased[(int)status] : new(status, null, 0, []);
}
