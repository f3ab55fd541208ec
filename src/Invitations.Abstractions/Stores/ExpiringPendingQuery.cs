using NodaTime;

namespace Invitations;

/// <summary>
/// One page of the reminder sweep's work list (<see cref="IInvitationStore.FindExpiringPendingAsync"/>): invitations
/// whose stored state is pending and whose expiry lies in (<see cref="From"/>, <see cref="To"/>], in ascending
/// (<see cref="InvitationData.ExpiresAt"/>, <see cref="InvitationData.Id"/>) order, starting after (<see cref="From"/>,
/// <see cref="AfterId"/>) when <see cref="AfterId"/> is set.
/// </summary>
public sealed record ExpiringPendingQuery
{
    /// <summary>The exclusive lower bound of the expiry (or, with <see cref="AfterId"/>, the expiry of the previous page's last item).</summary>
    public required Instant From { get; init; }

    /// <summary>The inclusive upper bound of the expiry.</summary>
    public required Instant To { get; init; }

    /// <summary>The id of the previous page's last item, whose expiry is <see cref="From"/>; null for the first page.</summary>
    public InvitationId? AfterId { get; init; }

    /// <summary>The most items to return (1 to 10,000).</summary>
    public required int Limit { get; init; }
}
