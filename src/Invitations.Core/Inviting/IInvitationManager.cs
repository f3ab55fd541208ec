namespace Invitations;

/// <summary>
/// The administrator's service: invite, resend, revoke, read and search invitations, list their facts. Callers act as
/// an <see cref="InvitationActor"/> whose roles are checked against <see cref="InviterOptions.Roles"/>.
/// Every expected failure is an <see cref="InvitationResult{T}"/> with a stable code from
/// <see cref="InvitationErrorCodes"/>; exceptions mean bugs or infrastructure faults (a store that is down). Thread-safe.
/// </summary>
public interface IInvitationManager
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
