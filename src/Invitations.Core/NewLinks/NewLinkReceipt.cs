namespace Invitations;

/// <summary>
/// The one answer to a well-formed "send me a new link" request, whether or not an invitation matched and whether or not
/// a link was sent: a caller cannot learn from it that an address was invited (no enumeration).
/// </summary>
public sealed class NewLinkReceipt
{
    private NewLinkReceipt()
    {
    }

    /// <summary>The receipt (one instance: every answer is the same value).</summary>
    public static NewLinkReceipt Instance { get; } = new();

    /// <summary>What to tell the person.</summary>
    public string Message { get; } = "If an invitation matches, a new link is on its way to the address it was sent to.";
}
