namespace Invitations;

/// <summary>The result of an identity event under the automatic-invitation policy.</summary>
public sealed record AutoInviteResult
{
    /// <summary>What the event did.</summary>
    public required AutoInviteStatus Status { get; init; }

    /// <summary>The invitation, when one was created now or earlier for the same identity.</summary>
    public InvitationId? InvitationId { get; init; }

    /// <summary>The error when the status is a skip or a failure.</summary>
    public InvitationError? Error { get; init; }
}
