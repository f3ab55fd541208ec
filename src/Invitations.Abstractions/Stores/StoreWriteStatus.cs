namespace Invitations;

/// <summary>The outcome of an atomic store write. Expected outcomes are values, not exceptions.</summary>
public enum StoreWriteStatus
{
    /// <summary>The invitation and its outbox items were saved together.</summary>
    Saved = 0,

    /// <summary>The stored version differs from the expected version (or the invitation is gone); nothing was written.</summary>
    ConcurrencyConflict = 1,

    /// <summary>Another pending invitation holds the same <see cref="InvitationData.RecipientKey"/>; nothing was written.</summary>
    DuplicatePending = 2,

    /// <summary>Another invitation holds the same <see cref="InvitationData.IdempotencyKey"/>; nothing was written.</summary>
    DuplicateIdempotencyKey = 3,

    /// <summary>Another invitation holds the same <see cref="InvitationData.Id"/>; nothing was written.</summary>
    DuplicateId = 4,
}
