namespace Invitations;

/// <summary>What became of one request of a bulk run.</summary>
public enum BulkInviteStatus
{
    /// <summary>An invitation exists for the request: it was created now (its fact and message are in the outbox), or replayed by its idempotency key.</summary>
    Invited = 0,

    /// <summary>Skipped: the host's <see cref="IUserDirectory"/> reports the address as a registered user.</summary>
    SkippedAlreadyRegistered = 1,

    /// <summary>Skipped: the recipient already has a pending invitation. Bulk runs never resend or re-invite it.</summary>
    SkippedPendingExists = 2,

    /// <summary>Refused with a typed error (see <see cref="BulkInviteOutcome.Error"/>); nothing was written for it.</summary>
    Failed = 3,
}
