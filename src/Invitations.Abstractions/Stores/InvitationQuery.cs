using NodaTime;

namespace Invitations;

/// <summary>Filters and a page position for <see cref="IInvitationStore.QueryAsync"/>. Filters combine with AND.</summary>
public sealed record InvitationQuery
{
    /// <summary>
    /// The effective state to match. <see cref="InvitationState.Expired"/> also matches pending
    /// invitations whose <c>ExpiresAt &lt;= AsOf</c>; the pending states match only while
    /// <c>ExpiresAt &gt; AsOf</c>.
    /// </summary>
    public InvitationState? State { get; init; }

    /// <summary>The normalized invited e-mail address to match, compared case-insensitively (ordinal, like <see cref="IInvitationStore.FindByAddressAsync"/>).</summary>
    public string? Email { get; init; }

    /// <summary>The inviter id to match exactly.</summary>
    public string? InvitedById { get; init; }

    /// <summary>The organization id to match exactly.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>Inclusive lower bound on <see cref="InvitationData.CreatedAt"/>.</summary>
    public Instant? CreatedFrom { get; init; }

    /// <summary>Exclusive upper bound on <see cref="InvitationData.CreatedAt"/>.</summary>
    public Instant? CreatedBefore { get; init; }

    /// <summary>Return only items after this position (keyset pagination).</summary>
    public InvitationCursor? After { get; init; }

    /// <summary>The maximum number of items to return (1 to 1000).</summary>
    public int Limit { get; init; } = 50;

    /// <summary>The instant the effective state is computed at.</summary>
    public required Instant AsOf { get; init; }
}
