using NodaTime;

namespace Invitations;

/// <summary>Filters for <c>FindAsync</c> (cidaas graph search). Filters combine with AND.</summary>
public sealed record InvitationSearch
{
    /// <summary>The effective state (expired includes pending invitations past their expiry).</summary>
    public InvitationState? State { get; init; }

    /// <summary>The invited e-mail address (normalized before matching).</summary>
    public string? Email { get; init; }

    /// <summary>The inviter id.</summary>
    public string? InvitedBy { get; init; }

    /// <summary>The organization id.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>Inclusive lower bound on creation time.</summary>
    public Instant? CreatedFrom { get; init; }

    /// <summary>Exclusive upper bound on creation time.</summary>
    public Instant? CreatedBefore { get; init; }

    /// <summary>The page size, 1 to 1000. Default: 50.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>The <see cref="InvitationSearchPage.NextCursor"/> of the previous page, or null for the first.</summary>
    public string? Cursor { get; init; }
}
