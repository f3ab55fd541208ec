namespace Invitations;

/// <summary>
/// Bulk runs for hosts that start a run and poll it (SailPoint's task status): each run consumes
/// <see cref="IInvitationService.InviteManyAsync"/> in the background and keeps counters and the first
/// failure messages, never the outcomes themselves. The registry lives in this process: a run's status is
/// only visible to the instance that started it and is lost when the process ends (the invitations it
/// created are, of course, in the store).
/// </summary>
public interface IBulkInvitationRuns
{
    /// <summary>Starts a bulk run in the background.</summary>
    /// <param name="requests">The requests, read once, lazily, by the run.</param>
    /// <param name="options">Batch size, parallelism and the expected count (for the percentage); null for the defaults.</param>
    /// <param name="cancellationToken">Cancels starting only; stop a started run with <see cref="CancelAsync"/>.</param>
    /// <returns>The run id.</returns>
    ValueTask<string> StartAsync(IAsyncEnumerable<InviteRequest> requests, BulkInviteOptions? options, CancellationToken cancellationToken);

    /// <summary>Starts "invite every unregistered identity" (<see cref="IInvitationService.InviteUnregisteredAsync"/>) in the background.</summary>
    /// <param name="inviter">The acting administrator.</param>
    /// <param name="options">Batch size and parallelism; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels starting only.</param>
    /// <returns>The run id.</returns>
    ValueTask<string> StartUnregisteredAsync(InvitationActor inviter, BulkInviteOptions? options, CancellationToken cancellationToken);

    /// <summary>Reads a run's status.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The status, or null for an unknown id.</returns>
    ValueTask<BulkRunStatus?> GetStatusAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Asks a run to stop between requests. What completed stays completed; the run ends as <see cref="BulkRunCompletionStatus.Terminated"/>.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when the run was still running and has been asked to stop.</returns>
    ValueTask<bool> CancelAsync(string runId, CancellationToken cancellationToken);
}
