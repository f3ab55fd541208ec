using NodaTime;

namespace Invitations;

/// <summary>
/// Where bulk runs keep their shared state, so any app instance behind a load balancer can poll a run and cancel it
/// (SailPoint's task status). The owner instance creates the run, saves its progress after every batch (which renews
/// its lease) and completes it; a run whose owner stopped without completing it is ended as failed, with what it had
/// completed, once its lease lapses. The in-memory store and the Entity Framework Core store implement it; Core falls
/// back to a process-local one for a store that does not. All methods are safe to call concurrently.
/// </summary>
public interface IBulkRunStore
{
    /// <summary>Saves a new run (running: no completion status).</summary>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False when a run with the same id exists (nothing was written).</returns>
    ValueTask<bool> CreateRunAsync(BulkRunRecord run, CancellationToken cancellationToken);

    /// <summary>
    /// Reads a run. A run still running whose lease expired at or before <paramref name="now"/> is first ended, in the
    /// same atomic operation: <see cref="BulkRunRecord.CompletionStatus"/> <see cref="BulkRunCompletionStatus.Error"/>,
    /// <see cref="BulkRunRecord.Completed"/> <paramref name="now"/>, <see cref="BulkRunRecord.LeaseLapsed"/> set, counters
    /// and messages as last saved.
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The run, or null for an unknown id.</returns>
    ValueTask<BulkRunRecord?> FindRunAsync(string runId, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// The owner saves the run's counters, messages and new lease expiry (<see cref="BulkRunRecord.Done"/>,
    /// <see cref="BulkRunRecord.Invited"/>, <see cref="BulkRunRecord.Skipped"/>, <see cref="BulkRunRecord.Failed"/>,
    /// <see cref="BulkRunRecord.Messages"/>, <see cref="BulkRunRecord.LeaseExpiresAt"/>), only while the run is running
    /// and <see cref="BulkRunRecord.Owner"/> owns it. Other fields of <paramref name="progress"/> are ignored.
    /// </summary>
    /// <param name="progress">The run's id, owner and the values to save.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the owner still holds the run, and whether it was asked to stop.</returns>
    ValueTask<BulkRunLeaseStatus> SaveRunProgressAsync(BulkRunRecord progress, CancellationToken cancellationToken);

    /// <summary>
    /// The owner ends the run: saves what <see cref="SaveRunProgressAsync"/> saves plus <see cref="BulkRunRecord.Completed"/>
    /// and <see cref="BulkRunRecord.CompletionStatus"/> (both required), only while the run is running and owned by
    /// <see cref="BulkRunRecord.Owner"/>.
    /// </summary>
    /// <param name="final">The run's id, owner and final values.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False when nothing was written (unknown run, another owner, or already ended).</returns>
    ValueTask<bool> CompleteRunAsync(BulkRunRecord final, CancellationToken cancellationToken);

    /// <summary>Asks a running run to stop (any instance may). A run whose lease lapsed is ended as <see cref="FindRunAsync"/> does instead.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when the run was running and is now asked to stop; false when unknown or already ended.</returns>
    ValueTask<bool> RequestRunCancellationAsync(string runId, Instant now, CancellationToken cancellationToken);

    /// <summary>Ends, as <see cref="FindRunAsync"/> does, up to <paramref name="maxRuns"/> running runs whose lease expired at or before <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="maxRuns">The batch size.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many runs were ended.</returns>
    ValueTask<int> SweepLapsedRunsAsync(Instant now, int maxRuns, CancellationToken cancellationToken);
}
