namespace Invitations;

/// <summary>One page of search results in creation order.</summary>
/// <param name="Items">The invitations.</param>
/// <param name="NextCursor">The opaque cursor of the next page, or null on the last page.</param>
public sealed record InvitationSearchPage(IReadOnlyList<InvitationSnapshot> Items, string? NextCursor);
