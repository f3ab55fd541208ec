using NodaTime;

namespace Invitations;

/// <summary>
/// One short link of the built-in shortener as a store keeps it: the digest of its code (never the code), the invitation
/// it belongs to, and the invitation token sealed under a key derived from the code, so the stored record alone leads
/// nowhere. Written by <see cref="IInvitationStore.SaveShortLinkAsync"/>, read by <see cref="IInvitationStore.FindShortLinkAsync"/>.
/// </summary>
public sealed record ShortLinkRecord
{
    /// <summary>The 32-byte digest of the short code; unique.</summary>
    public required byte[] CodeHash { get; init; }

    /// <summary>The invitation the short link leads to.</summary>
    public required InvitationId InvitationId { get; init; }

    /// <summary>The token, encrypted and authenticated under a key only the code yields (opaque to the store).</summary>
    public required byte[] SealedToken { get; init; }

    /// <summary>When the short link was created.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When it stops working (the invitation's expiry at that time); the store may delete it after.</summary>
    public required Instant ExpiresAt { get; init; }
}
