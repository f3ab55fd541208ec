namespace Invitations;

/// <summary>
/// The outcome of one request of a bulk run, yielded in input order. It carries no link or token:
/// bulk invitations are delivered by their message, never handed back to the caller.
/// </summary>
public sealed record BulkInviteOutcome
{
    /// <summary>The request's position in the input (0-based).</summary>
    public required long Index { get; init; }

    /// <summary>What became of the request.</summary>
    public required BulkInviteStatus Status { get; init; }

    /// <summary>The request itself, so callers can correlate without keeping their own copy.</summary>
    public required InviteRequest Request { get; init; }

    /// <summary>The invitation, when <see cref="Status"/> is <see cref="BulkInviteStatus.Invited"/>.</summary>
    public InvitationId? InvitationId { get; init; }

    /// <summary>Why the request was skipped or failed, with a stable code from <see cref="InvitationErrorCodes"/>.</summary>
    public InvitationError? Error { get; init; }
}
