namespace Invitations;

/// <summary>The identifier of one outbox item (a fact or a message waiting for delivery).</summary>
/// <param name="Value">The underlying GUID.</param>
public readonly record struct OutboxItemId(Guid Value)
{
    /// <summary>The id in its canonical lower-case hyphenated form.</summary>
    /// <returns>The id as text.</returns>
    public override string ToString() => Value.ToString("D");
}
