using NodaTime;

namespace Invitations;

/// <summary>What <see cref="ILinkShortener.ShortenAsync"/> shortens.</summary>
public sealed record LinkShorteningRequest
{
    /// <summary>The invitation the link belongs to.</summary>
    public required InvitationId InvitationId { get; init; }

    /// <summary>The full invitation link (it carries the live token: never log it).</summary>
    public required string Link { get; init; }

    /// <summary>The channel of the message that will carry the short link.</summary>
    public required MessageChannel Channel { get; init; }

    /// <summary>When the link stops working; a short link should not outlive it.</summary>
    public required Instant ExpiresAt { get; init; }
}
