namespace Invitations;

/// <summary>The answer of an <see cref="IInvitationAuthorizer"/>: allowed, or denied with a reason the caller is shown.</summary>
public sealed class InvitationAuthorizationResult
{
    private static readonly InvitationAuthorizationResult Allowed = new(true, null);

    private InvitationAuthorizationResult(bool isAllowed, string? reason)
    {
        IsAllowed = isAllowed;
        Reason = reason;
    }

    /// <summary>Whether the operation may proceed.</summary>
    public bool IsAllowed { get; }

    /// <summary>Why it was denied (what the actor is missing), shown in the <c>forbidden</c> error; null when allowed.</summary>
    public string? Reason { get; }

    /// <summary>Allows the operation.</summary>
    /// <returns>The shared allowed result.</returns>
    public static InvitationAuthorizationResult Allow() => Allowed;

    /// <summary>Denies the operation.</summary>
    /// <param name="reason">What the actor is missing, for example "the inviter does not hold role 'owner'". Never include secrets.</param>
    /// <returns>A denied result.</returns>
    public static InvitationAuthorizationResult Deny(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(false, reason);
    }
}
