namespace Invitations;

/// <summary>
/// Bulk invitations, for an administrator inviting many people at once: stream requests in and outcomes out
/// (<see cref="InviteManyAsync"/>), invite everyone the host's directory lists as unregistered, or start either as a
/// run in the background and poll it (SailPoint's task status). A run keeps counters and the first failure messages,
/// never the outcomes themselves. A run's state lives in the store's <see cref="IBulkRunStore"/> (both built-in stores
/// keep it), so any app instance can poll and cancel any run; the instance that started it runs it and renews its
/// lease, and a run whose instance died is ended as failed once its lease lapses. Thread-safe.
/// </summary>
public interface IBulkInvitations
{
    /// <summary>
    /// Invites many people: streams the requests in, processes them in batches of
    /// <see cref="BulkInviteOptions.BatchSize"/> through the same pipeline as <see cref="IInvitationManager.InviteAsync"/>, and yields
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

    /// <summary>Starts <see cref="InviteManyAsync"/> as a run in the background, for hosts that start a run and poll it.</summary>
    /// <param name="requests">The requests, read once, lazily, by the run.</param>
    /// <param name="options">Batch size, parallelism and the expected count (for the percentage); null for the defaults.</param>
    /// <param name="cancellationToken">Cancels starting only; stop a started run with <see cref="CancelRunAsync"/>.</param>
    /// <returns>The run id.</returns>
    Task<string> StartRunAsync(IAsyncEnumerable<InviteRequest> requests, BulkInviteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Starts "invite every unregistered identity" (<see cref="InviteUnregisteredAsync"/>) in the background.</summary>
    /// <param name="inviter">The acting administrator.</param>
    /// <param name="options">Batch size and parallelism; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels starting only.</param>
    /// <returns>The run id.</returns>
    Task<string> StartUnregisteredRunAsync(InvitationActor inviter, BulkInviteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a run's status, from any instance (a run whose owner's lease lapsed is ended as <see cref="BulkRunCompletionStatus.Error"/> first).</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The status, or null for an unknown id.</returns>
    Task<BulkRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks a run to stop between requests, from any instance (the owner learns it at its next save, after the batch in
    /// progress). What completed stays completed; the run ends as <see cref="BulkRunCompletionStatus.Terminated"/>.
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when the run was still running and has been asked to stop.</returns>
    Task<bool> CancelRunAsync(string runId, CancellationToken cancellationToken = default);
}
