using NodaTime;

namespace Invitations;

/// <summary>
/// A keyset-pagination position: the (<see cref="CreatedAt"/>, <see cref="Id"/>) of the last item of a
/// page. Queries return items strictly after it in (CreatedAt, Id) order, so no item is lost or
/// repeated while invitations are added during paging.
/// </summary>
/// <param name="CreatedAt">The creation time of the last item seen.</param>
/// <param name="Id">The id of the last item seen.</param>
public readonly record struct InvitationCursor(Instant CreatedAt, InvitationId Id);
