namespace Invitations;

/// <summary>
/// The one entry point of the library. Every expected failure is an <see cref="InvitationResult{T}"/>
/// with a stable code from <see cref="InvitationErrorCodes"/>; exceptions mean bugs or infrastructure
/// faults (a store that is down). Every method is thread-safe.
/// </summary>
public interface IInvitationService
{
    /// <summary>Invites one person: validates, creates the invitation with a fresh token, renders and queues the message and the <c>INVITE_USER</c> fact in one atomic save, then dispatches them.</summary>
    /// <param name="request">The invitation request.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The invitation, its link (shown once) and the rendered message; or an error such as <c>email_invalid</c>, <c>template_not_found</c>, <c>forbidden</c>.</returns>
    Task<InvitationResult<InviteResult>> InviteAsync(InviteRequest request, CancellationToken cancellationToken = default);

    /// <summary>Resends a pending or expired invitation: rotates the token (the previous link stops working), renews the lifetime, queues a new message and an <c>INVITE_USER</c> fact.</summary>
    /// <param name="id">The invitation.</param>
    /// <param name="actor">The acting administrator.</param>
    /// <param name="expectedVersion">When given, the call fails with <c>concurrency_conflict</c> unless the invitation is still at this version.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new link and message, or an error such as <c>resend_cooldown</c> or <c>invalid_state_transition</c>.</returns>
    Task<InvitationResult<InviteResult>> ResendAsync(InvitationId id, InvitationActor actor, long? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Revokes a pending invitation (its token stops working) and emits <c>INVITE_REVOKED</c>.</summary>
    /// <param name="id">The invitation.</param>
    /// <param name="actor">The acting administrator.</param>
    /// <param name="expectedVersion">When given, the call fails with <c>concurrency_conflict</c> unless the invitation is still at this version.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The revoked invitation, or an error.</returns>
    Task<InvitationResult<InvitationSnapshot>> RevokeAsync(InvitationId id, InvitationActor actor, long? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>The invitee declines (POST with the token) and <c>INVITE_REJECTED</c> is emitted.</summary>
    /// <param name="token">The token from the link.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The rejected invitation, or <c>invalid_token</c>, <c>invitation_expired</c>, <c>invitation_already_accepted</c>.</returns>
    Task<InvitationResult<InvitationSnapshot>> RejectAsync(string token, CancellationToken cancellationToken = default);

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
    Task<InvitationResult<AcceptResult>> AcceptAsync(string token, Acceptance acceptance, CancellationToken cancellationToken = default);

    /// <summary>Reads one invitation by id.</summary>
    /// <param name="id">The invitation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The invitation, or <c>invitation_not_found</c>.</returns>
    Task<InvitationResult<InvitationSnapshot>> GetAsync(InvitationId id, CancellationToken cancellationToken = default);

    /// <summary>Searches invitations with filters and keyset pagination (no item lost or repeated while invitations are added).</summary>
    /// <param name="search">Filters, page size and cursor.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One page, or <c>field_invalid</c> for a bad cursor or page size.</returns>
    Task<InvitationResult<InvitationSearchPage>> FindAsync(InvitationSearch search, CancellationToken cancellationToken = default);

    /// <summary>Lists the facts emitted for one invitation, in sequence order (until retention purges them).</summary>
    /// <param name="id">The invitation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The facts (empty for an unknown id).</returns>
    Task<IReadOnlyList<InvitationFact>> ListFactsAsync(InvitationId id, CancellationToken cancellationToken = default);
}
