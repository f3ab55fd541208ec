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

    /// <summary>
    /// Invites many people: streams the requests in, processes them in batches of
    /// <see cref="BulkInviteOptions.BatchSize"/> through the same pipeline as <see cref="InviteAsync"/>, and yields
    /// one outcome per request in input order as it goes (memory stays bounded by the batch size). A recipient with
    /// a pending invitation is skipped, never resent. Each request either becomes an invitation with its fact and
    /// message in the outbox, or gets an error: nothing is half-done. Outcomes carry no link.
    /// Cancellation takes effect between requests: requests already started complete and are yielded, then the
    /// enumeration throws <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="requests">The requests, read once, lazily.</param>
    /// <param name="options">Batch size, parallelism and the expected count; null for the defaults.</param>
    /// <param name="progress">Receives a report after every batch; may be null.</param>
    /// <param name="cancellationToken">Stops the run between requests.</param>
    /// <returns>The outcomes, one per request, in input order.</returns>
    IAsyncEnumerable<BulkInviteOutcome> InviteManyAsync(
        IAsyncEnumerable<InviteRequest> requests, BulkInviteOptions? options = null, IProgress<BulkInviteProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Invites every identity the host's <see cref="IUserDirectory.ListUnregisteredAsync"/> lists, up to
    /// <see cref="InvitationLimitOptions.MaxUnregisteredInvitesPerRun"/>, as a bulk run (never re-inviting anyone with a
    /// pending invitation). Addresses follow <see cref="AutoInviteOptions.PreferPersonalAddress"/>, client and template follow <see cref="InvitationsOptions.AutoInvite"/>.
    /// </summary>
    /// <param name="inviter">The acting administrator.</param>
    /// <param name="options">Batch size and parallelism; null for the defaults.</param>
    /// <param name="progress">Receives a report after every batch; may be null.</param>
    /// <param name="cancellationToken">Stops the run between requests.</param>
    /// <returns>The outcomes, one per listed identity.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="IUserDirectory"/> is registered.</exception>
    IAsyncEnumerable<BulkInviteOutcome> InviteUnregisteredAsync(
        InvitationActor inviter, BulkInviteOptions? options = null, IProgress<BulkInviteProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The host reports a new identity (SailPoint "Identity Created" trigger). Under <see cref="InvitationsOptions.AutoInvite"/>
    /// it is invited once, to its personal address when it has one; identities created before
    /// <see cref="AutoInviteOptions.EnabledSince"/> never are. Idempotent per identity id: the same event twice invites once.
    /// </summary>
    /// <param name="identity">The new identity.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What the event did.</returns>
    Task<AutoInviteOutcome> OnIdentityCreatedAsync(DirectoryIdentity identity, CancellationToken cancellationToken = default);

    /// <summary>
    /// The host reports a lifecycle-state change. When <see cref="AutoInviteOptions.LifecycleState"/> is set and the
    /// identity enters that state, it is invited as by <see cref="OnIdentityCreatedAsync"/> (same rules, same idempotency).
    /// </summary>
    /// <param name="identity">The identity, with its new <see cref="DirectoryIdentity.LifecycleState"/>.</param>
    /// <param name="previousLifecycleState">The state it left, if known.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What the event did.</returns>
    Task<AutoInviteOutcome> OnLifecycleChangedAsync(DirectoryIdentity identity, string? previousLifecycleState, CancellationToken cancellationToken = default);

    /// <summary>
    /// Persists Expired for every pending invitation past its expiry, emitting <c>INVITE_EXPIRED</c> exactly once each even
    /// when several sweepers run at once (the versioned update makes the loser skip), and re-invites up to
    /// <see cref="MaintenanceOptions.MaxAutomaticReinvites"/> times. The background maintenance service calls it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the sweep between invitations.</param>
    /// <returns>What this sweep did.</returns>
    Task<ExpirySweepResult> ExpireDueAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes, in batches, finished outbox items and closed invitations at least <see cref="RetentionOptions.Period"/> old.
    /// The background maintenance service calls it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the purge between batches.</param>
    /// <returns>What was deleted.</returns>
    Task<RetentionPurgeResult> PurgeRetainedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases a person (GDPR Art. 17): deletes every invitation whose identity or delivery address is
    /// <paramref name="emailOrPhone"/> (any state, compared case-insensitively after normalization), with all of its facts and messages.
    /// </summary>
    /// <param name="emailOrPhone">An e-mail address or a phone number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The counts removed, or <c>email_invalid</c> / <c>mobile_number_invalid</c>.</returns>
    Task<InvitationResult<ErasureReport>> EraseAsync(string emailOrPhone, CancellationToken cancellationToken = default);
}
