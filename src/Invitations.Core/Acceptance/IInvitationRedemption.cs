namespace Invitations;

/// <summary>
/// The token holder's service, for the anonymous pages a link opens: preview what registration pre-fills, accept, or
/// reject. It can do nothing without a token, so an anonymous endpoint needs nothing else. An unknown, tampered,
/// superseded, revoked or rejected token gets the same <c>invalid_token</c>.
/// Every expected failure is an <see cref="InvitationResult{T}"/> with a stable code from
/// <see cref="InvitationErrorCodes"/>; exceptions mean bugs or infrastructure faults (a store that is down). Thread-safe.
/// </summary>
public interface IInvitationRedemption
{
    /// <summary>What a registration page pre-fills for a token. Side-effect free: following or previewing a link (a GET; mail scanners pre-click links) changes nothing.</summary>
    /// <param name="token">The token from the link.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The pre-fill data, or <c>invalid_token</c>, <c>invitation_expired</c>, <c>invitation_already_accepted</c>.</returns>
    Task<InvitationResult<InvitationPreview>> PreviewAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Accepts an invitation exactly once, even under racing requests, and emits <c>INVITE_ACCEPTED</c> with the subject id.</summary>
    /// <param name="token">The token from the link.</param>
    /// <param name="acceptance">The account the host created.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The groups, roles and custom fields to apply; or <c>invalid_token</c>, <c>invitation_expired</c>, <c>invitation_already_accepted</c>, <c>same_email_required</c>.</returns>
    Task<InvitationResult<AcceptResult>> AcceptAsync(string token, AcceptRequest acceptance, CancellationToken cancellationToken = default);

    /// <summary>The invitee declines (POST with the token) and <c>INVITE_REJECTED</c> is emitted.</summary>
    /// <param name="token">The token from the link.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The rejected invitation, or <c>invalid_token</c>, <c>invitation_expired</c>, <c>invitation_already_accepted</c>.</returns>
    Task<InvitationResult<InvitationSnapshot>> RejectAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>
    /// "Send me a new link" (opt-in: <c>NewLinks.Enabled</c>): the holder of an expired or lost invitation gives its old
    /// token, or the invited address and organization. A matching invitation is resent (the token rotates: the old link
    /// stops working) to the address it was delivered to, never one named here, and renewed if it expired less than
    /// <c>NewLinks.RenewExpiredFor</c> ago; the resend cooldown and limit apply per invitation. The answer is the same
    /// <see cref="NewLinkReceipt"/> whether or not anything matched or was sent, so it reveals no invitation.
    /// </summary>
    /// <param name="request">The old token, or the address (and organization).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The receipt; or <c>field_invalid</c>/<c>email_invalid</c> for a malformed request, <c>forbidden</c> when the policy is off.</returns>
    Task<InvitationResult<NewLinkReceipt>> RequestNewLinkAsync(NewLinkRequest request, CancellationToken cancellationToken = default);
}
