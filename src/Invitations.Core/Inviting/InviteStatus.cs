namespace Invitations;

/// <summary>What <c>InviteAsync</c> did.</summary>
public enum InviteStatus
{
    /// <summary>A new invitation was created (and sent unless <c>SkipSend</c>).</summary>
    Created = 0,

    /// <summary>A pending invitation to the same recipient existed and was resent (new link).</summary>
    Resent = 1,

    /// <summary>A pending invitation to the same recipient existed and was returned unchanged (no link).</summary>
    Reused = 2,

    /// <summary>The idempotency key matched an earlier identical request; its invitation is returned (no link: it was shown once).</summary>
    Replayed = 3,
}
