using System.Collections.Concurrent;
using System.Globalization;
using Invitations.Diagnostics;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Invitations.Bulk;

/// <summary>
/// Bulk runs whose state lives in an <see cref="IBulkRunStore"/>: this instance runs the runs it started (one background
/// task each) and saves their progress after every batch, which renews its lease; any instance reads and cancels any run
/// through the store. A run whose owner died is ended as failed by the store once its lease lapses.
/// </summary>
internal sealed class BulkRunRegistry(IBulkRunStore store, IClock clock, TimeProvider time, ILogger logger) : IDisposable
{
    /// <summary>How long a run's lease lasts without a save; a run quiet for longer (its owner stopped) is ended as failed.</summary>
    public static readonly Duration Lease = Duration.FromMinutes(2);

    /// <summary>How often the owner renews the lease when no batch ended meanwhile (a slow source or directory).</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    private const int MaxMessages = 100;
    private const int SweepBatch = 100;
    private readonly ConcurrentDictionary<string, Run> _local = new(StringComparer.Ordinal);

    /// <summary>This instance's name as the owner of its runs (unique per registry).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public async Task<BulkRun?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        var record = await store.FindRunAsync(runId, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        return record is null ? null : ToBulkRun(record);
    }

    /// <summary>Asks a run to stop (this instance's at once, another's at its next save); false when unknown or finished.</summary>
    public async Task<bool> CancelAsync(string runId, CancellationToken cancellationToken)
    {
        var requested = await store.RequestRunCancellationAsync(runId, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        if (requested && _local.TryGetValue(runId, out var run))
        {
            run.Cancel();
        }

        return requested;
    }

    public void Dispose()
    {
        foreach (var run in _local.Values)
        {
            run.Cancel();
        }
    }

    /// <summary>Saves the new run, starts consuming its outcomes in the background and returns the run id.</summary>
    public async Task<string> StartAsync(long? total, Func<IProgress<BulkInviteProgress>, CancellationToken, IAsyncEnumerable<BulkInviteOutcome>> source, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();

        // Starting is rare and every instance starts runs: a good moment to end the runs whose owner died.
        await store.SweepLapsedRunsAsync(now, SweepBatch, cancellationToken).ConfigureAwait(false);
        var run = new Run(Guid.NewGuid().ToString("N"), Owner, now, total);
        if (!await store.CreateRunAsync(run.Record(now + Lease), cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("A bulk run with a new random id already exists in the store.");
        }

        _local[run.Id] = run;
        _ = Task.Run(() => ExecuteAsync(run, source(run, run.Token)), CancellationToken.None);
        return run.Id;
    }

    private async Task ExecuteAsync(Run run, IAsyncEnumerable<BulkInviteOutcome> outcomes)
    {
        using var renewing = new CancellationTokenSource();
        var renewer = RenewAsync(run, renewing.Token);
        BulkRunCompletionStatus status;
        try
        {
            await foreach (var outcome in outcomes.ConfigureAwait(false))
            {
                run.Observe(outcome);
            }

            var (done, failed) = run.Totals();
            status = failed == 0 ? BulkRunCompletionStatus.Success
                : failed == done ? BulkRunCompletionStatus.Error
                : BulkRunCompletionStatus.Warning;
        }
        catch (OperationCanceledException) when (run.IsCancelled)
        {
            status = BulkRunCompletionStatus.Terminated;
            run.AddMessage(run.IsLost
                ? "The run stopped: another instance ended it (its lease had lapsed); invitations created before stay created."
                : "The run was cancelled; invitations created before stay created.");
        }
        catch (Exception ex)
        {
            // A run is a background task: its failure is recorded in its status instead of surfacing nowhere.
            Log.BulkRunFailed(logger, run.Id, ex);
            status = BulkRunCompletionStatus.Error;
            run.AddMessage($"The run stopped: {ex.GetType().Name}: {ex.Message}");
        }

        await renewing.CancelAsync().ConfigureAwait(false);
        await renewer.ConfigureAwait(false);
        try
        {
            var now = clock.GetCurrentInstant();
            await store.CompleteRunAsync(run.Record(now) with { Completed = now, CompletionStatus = status }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The store is unreachable: the lease lapses and the run is ended as failed with what it saved last.
            Log.BulkRunFailed(logger, run.Id, ex);
        }
        finally
        {
            _local.TryRemove(run.Id, out _);
            run.Dispose();
        }
    }

    /// <summary>
    /// Saves the run's progress after every batch (signalled by its progress reports) and at least every
    /// <see cref="RenewEvery"/>, which renews the lease; stops the run when some instance asked it to, or ended it.
    /// </summary>
    private async Task RenewAsync(Run run, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await run.WaitForBatchAsync(RenewEvery, time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                var lease = await store.SaveRunProgressAsync(run.Record(clock.GetCurrentInstant() + Lease), CancellationToken.None).ConfigureAwait(false);
                if (lease != BulkRunLeaseStatus.Held)
                {
                    run.Cancel(lost: lease == BulkRunLeaseStatus.Lost);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A missed save costs nothing but freshness; the next batch or tick saves again (the lease is much longer).
                Log.BulkRunFailed(logger, run.Id, ex);
            }
        }
    }

    private static BulkRun ToBulkRun(BulkRunRecord record)
    {
        var progress = new BulkInviteProgress
        {
            Done = record.Done, Total = record.Total, Invited = record.Invited, Skipped = record.Skipped, Failed = record.Failed,
        };
        var messages = record.Messages;
        if (record.LeaseLapsed)
        {
            messages = [.. messages, string.Create(
                CultureInfo.InvariantCulture,
                $"The run failed: the instance running it stopped renewing its lease (it lapsed at {record.LeaseExpiresAt}). {record.Done} requests had an outcome ({record.Invited} invited, {record.Skipped} skipped, {record.Failed} failed); invitations created stay created.")];
        }

        return new BulkRun
        {
            Id = record.Id,
            Launched = record.Launched,
            Completed = record.Completed,
            CompletionStatus = record.CompletionStatus,
            PercentComplete = record.CompletionStatus is { } s && s != BulkRunCompletionStatus.Terminated && !record.LeaseLapsed ? 100 : progress.PercentComplete ?? 0,
            Progress = progress,
            Messages = messages,
        };
    }

    /// <summary>The live counters of a run this instance owns; its progress reports mark batch ends for the saver.</summary>
    private sealed class Run(string id, string owner, Instant launched, long? total) : IProgress<BulkInviteProgress>, IDisposable
    {
        private readonly object _gate = new();
        private readonly List<string> _messages = [];
        private readonly CancellationTokenSource _cancellation = new();
        private readonly SemaphoreSlim _batchEnded = new(0, 1);
        private long _done;
        private long _invited;
        private long _skipped;
        private long _failed;
        private volatile bool _lost;

        public string Id { get; } = id;

        public CancellationToken Token => _cancellation.Token;

        public bool IsCancelled => _cancellation.IsCancellationRequested;

        public bool IsLost => _lost;

        public void Cancel(bool lost = false)
        {
            _lost |= lost;
            try
            {
                _cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run has finished meanwhile.
            }
        }

        public void Report(BulkInviteProgress value)
        {
            // At most one signal pending: the saver saves the latest counters anyway.
            if (_batchEnded.CurrentCount == 0)
            {
                try
                {
                    _batchEnded.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Another report signalled first.
                }
            }
        }

        public async Task WaitForBatchAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
        {
            using var tick = new CancellationTokenSource(timeout, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(tick.Token, cancellationToken);
            try
            {
                await _batchEnded.WaitAsync(either.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (tick.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The renewal tick: save without a batch end.
            }
        }

        public void Observe(BulkInviteOutcome outcome)
        {
            lock (_gate)
            {
                _done++;
                switch (outcome.Status)
                {
                    case BulkInviteStatus.Invited:
                        _invited++;
                        break;
                    case BulkInviteStatus.Failed:
                        _failed++;
                        if (_messages.Count < MaxMessages)
                        {
                            _messages.Add($"Request {outcome.Index}: {outcome.Error?.Code}: {outcome.Error?.Message}");
                        }

                        break;
                    default:
                        _skipped++;
                        break;
                }
            }
        }

        public void AddMessage(string message)
        {
            lock (_gate)
            {
                // The closing message is always kept, even when failures filled the list.
                _messages.Add(message);
            }
        }

        public (long Done, long Failed) Totals()
        {
            lock (_gate)
            {
                return (_done, _failed);
            }
        }

        public BulkRunRecord Record(Instant leaseExpiresAt)
        {
            lock (_gate)
            {
                return new BulkRunRecord
                {
                    Id = Id,
                    Owner = owner,
                    Launched = launched,
                    LeaseExpiresAt = leaseExpiresAt,
                    Total = total,
                    Done = _done,
                    Invited = _invited,
                    Skipped = _skipped,
                    Failed = _failed,
                    Messages = _messages.ToArray(),
                };
            }
        }

        public void Dispose()
        {
            _cancellation.Dispose();
            _batchEnded.Dispose();
        }
    }
}
