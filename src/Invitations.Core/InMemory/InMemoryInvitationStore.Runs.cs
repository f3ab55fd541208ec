using NodaTime;

namespace Invitations;

/// <summary>The bulk-run half of the in-memory store: runs live with the invitations, in this process.</summary>
public sealed partial class InMemoryInvitationStore : IBulkRunStore
{
    private readonly Dictionary<string, BulkRunRecord> _runs = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<bool> CreateRunAsync(BulkRunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            return new(_runs.TryAdd(run.Id, run with { Completed = null, CompletionStatus = null, CancelRequested = false, LeaseLapsed = false }));
        }
    }

    /// <inheritdoc />
    public ValueTask<BulkRunRecord?> FindRunAsync(string runId, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        lock (_gate)
        {
            return new(_runs.TryGetValue(runId, out var run) ? LapseIfDue(run, now) : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<BulkRunLeaseStatus> SaveRunProgressAsync(BulkRunRecord progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        lock (_gate)
        {
            if (!_runs.TryGetValue(progress.Id, out var run) || run.CompletionStatus is not null || !string.Equals(run.Owner, progress.Owner, StringComparison.Ordinal))
            {
                return new(BulkRunLeaseStatus.Lost);
            }

            _runs[run.Id] = WithProgress(run, progress);
            return new(run.CancelRequested ? BulkRunLeaseStatus.CancelRequested : BulkRunLeaseStatus.Held);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> CompleteRunAsync(BulkRunRecord final, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(final);
        if (final.Completed is null || final.CompletionStatus is null)
        {
            throw new ArgumentException("A completed run needs Completed and CompletionStatus.", nameof(final));
        }

        lock (_gate)
        {
            if (!_runs.TryGetValue(final.Id, out var run) || run.CompletionStatus is not null || !string.Equals(run.Owner, final.Owner, StringComparison.Ordinal))
            {
                return new(false);
            }

            _runs[run.Id] = WithProgress(run, final) with { Completed = final.Completed, CompletionStatus = final.CompletionStatus };
            return new(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RequestRunCancellationAsync(string runId, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        lock (_gate)
        {
            if (!_runs.TryGetValue(runId, out var run) || LapseIfDue(run, now).CompletionStatus is not null)
            {
                return new(false);
            }

            _runs[runId] = run with { CancelRequested = true };
            return new(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> SweepLapsedRunsAsync(Instant now, int maxRuns, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var due = _runs.Values.Where(r => r.CompletionStatus is null && r.LeaseExpiresAt <= now).Take(Math.Max(0, maxRuns)).ToList();
            foreach (var run in due)
            {
                LapseIfDue(run, now);
            }

            return new(due.Count);
        }
    }

    /// <summary>Ends a running run whose lease is over (caller holds the lock) and returns the run as it now is.</summary>
    private BulkRunRecord LapseIfDue(BulkRunRecord run, Instant now)
    {
        if (run.CompletionStatus is not null || run.LeaseExpiresAt > now)
        {
            return run;
        }

        var lapsed = run with { CompletionStatus = BulkRunCompletionStatus.Error, Completed = now, LeaseLapsed = true };
        _runs[run.Id] = lapsed;
        return lapsed;
    }

    private static BulkRunRecord WithProgress(BulkRunRecord run, BulkRunRecord progress) => run with
    {
        Done = progress.Done,
        Invited = progress.Invited,
        Skipped = progress.Skipped,
        Failed = progress.Failed,
        Messages = progress.Messages.ToArray(),
        LeaseExpiresAt = progress.LeaseExpiresAt,
    };
}
