namespace Invitations.Tests.Linearizability;

/// <summary>
/// What one generated operation did on the service, written by the actual run and read by every replay of the model.
/// The service picks ids and tokens the model cannot know in advance: the actual run records which invitation (and
/// which of its links) it used, and the model then applies the same operation to the same invitation in each order
/// it tries. A fresh cell is made for each generated operation, so replays of different operations never share one.
/// </summary>
internal sealed class OperationCell(int slot, bool stale)
{
    /// <summary>Which recipient address (0 to <see cref="ServiceWorld.Slots"/> - 1) the operation is about.</summary>
    public int Slot { get; } = slot;

    /// <summary>For accept and reject: use the link before the newest one of the invitation (a superseded link), when there is one.</summary>
    public bool Stale { get; } = stale;

    /// <summary>The invitation the actual run acted on (null when it knew none for the slot, or the call failed before naming one).</summary>
    public InvitationId? Target { get; set; }

    /// <summary>For accept and reject: the send count of the link used (each send issues one link).</summary>
    public int Generation { get; set; }

    /// <summary>True when the service answered <c>concurrency_conflict</c>: a lost optimistic write, which changes nothing.</summary>
    public bool Conflicted { get; set; }

    public override string ToString() => Stale ? $"{Slot} stale" : Slot.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
