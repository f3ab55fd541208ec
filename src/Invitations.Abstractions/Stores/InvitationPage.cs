namespace Invitations;

/// <summary>One page of a query, in (CreatedAt, Id) order.</summary>
/// <param name="Items">The invitations on this page.</param>
/// <param name="Next">The position to pass as <see cref="InvitationQuery.After"/> for the next page, or null when this is the last page.</param>
public sealed record InvitationPage(IReadOnlyList<InvitationData> Items, InvitationCursor? Next);
