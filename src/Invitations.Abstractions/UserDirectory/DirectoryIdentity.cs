using NodaTime;

namespace Invitations;

/// <summary>
/// One identity of the host's directory (SailPoint identity, Entra user, HR record), as the host
/// hands it to automatic and "invite every unregistered identity" operations.
/// </summary>
public sealed record DirectoryIdentity
{
    /// <summary>The identity's stable id in the host's directory; automatic invitations derive their idempotency key from it.</summary>
    public required string Id { get; init; }

    /// <summary>The work (primary) e-mail address, if any.</summary>
    public string? Email { get; init; }

    /// <summary>The personal/alternate e-mail address, if any (preferred for automatic invitations by default).</summary>
    public string? PersonalEmail { get; init; }

    /// <summary>The mobile number, used by SMS when the identity has no e-mail address.</summary>
    public string? MobileNumber { get; init; }

    /// <summary>The given name (pre-fills registration).</summary>
    public string? GivenName { get; init; }

    /// <summary>The family name (pre-fills registration).</summary>
    public string? FamilyName { get; init; }

    /// <summary>When the identity was created in the directory; identities created before automatic invitations were enabled are never invited automatically.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>The identity's lifecycle state (SailPoint LCS, for example <c>active</c> or <c>prehire</c>), if the directory has one.</summary>
    public string? LifecycleState { get; init; }
}
