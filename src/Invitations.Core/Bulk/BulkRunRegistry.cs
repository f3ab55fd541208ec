using System.Collections.Concurrent;
using Invitations.Diagnostics;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Invitations.Bulk;

/// <summary>The in-process run registry: one background task per run, counters and bounded messages per run.</summary>
internal sealed class BulkRunRegistry(IClock clock, ILogger logger) : IDisposable
{
    private const int MaxMessages = 100;
    private readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);

    public BulkRun? Get(string runId) => _runs.TryGetValue(runId, out var run) ? run.ToBulkRun() : null;

    /// <summary>Asks a running run to stop; false when the run is unknown or already finished.</summary>
    public bool Cancel(string runId)
    {
        if (!_runs.TryGetValue(runId, out var run) || run.IsCompleted)
        {
            return false;
        }

        run.Cancellation.Cancel();
        return true;
    }

    public void Dispose()
    {
        foreach (var run in _runs.Values)
        {
            run.Cancellation.Cancel();
            run.Cancellation.Dispose();
        }
    }

    /// <summary>Starts consuming <paramref name="source"/> in the background and returns the run id.</summary>
    public string Start(long? total, Func<CancellationToken, IAsyncEnumerable<BulkInviteOutcome>> source)
    {
        var run = new Run(Guid.NewGuid().ToString("N"), clock.GetCurrentInstant(), total);
        _runs[run.Id] = run;
        _ = Task.Run(() => ExecuteAsync(run, source(run.Cancellation.Token)));
        return run.Id;
    }

    private async Task ExecuteAsync(Run run, IAsyncEnumerable<BulkInviteOutcome> outcomes)
    {
        BulkRunCompletionStatus status;
        try
        {
            await foreach (var outcome in outcomes.ConfigureAwait(false))
            {
                run.Observe(outcome);
            }

            var progress = run.Progress();
            status = progress.Failed == 0 ? BulkRunCompletionStatus.Success
                : progress.Failed == progress.Done ? BulkRunCompletionStatus.Error
                : BulkRunCompletionStatus.Warning;
        }
        catch (OperationCanceledException) when (run.Cancellation.IsCancellationRequested)
        {
            status = BulkRunCompletionStatus.Terminated;
            run.AddMessage("The run was cancelled; invitations created before stay created.");
        }
        catch (Exception ex)
        {
            // A run is a background task: its failure is recorded in its status instead of surfacing nowhere.
            Log.BulkRunFailed(logger, run.Id, ex);
            status = BulkRunCompletionStatus.Error;
            run.AddMessage($"The run stopped: {ex.GetType().Name}: {ex.Message}");
        }

        run.Complete(clock.GetCurrentInstant(), status);
    }

    private sealed class Run(string id, Instant launched, long? total)
    {
        private readonly object _gate = new();
        private readonly List<string> _messages = [];
        private long _done;
        private long _invited;
        private long _skipped;
        private long _failed;
        private Instant? _completed;
        private BulkRunCompletionStatus? _status;

        public string Id { get; } = id;

        public CancellationTokenSource Cancellation { get; } = new();

        public bool IsCompleted
        {
            get
            {
                lock (_gate)
                {
                    return _completed is not null;
                }
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
                        AddMessageLocked($"Request {outcome.Index}: {outcome.Error?.Code}: {outcome.Error?.Message}");
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

        public void Complete(Instant completed, BulkRunCompletionStatus status)
        {
            lock (_gate)
            {
                _completed = completed;
                _status = status;
            }
        }

        public BulkInviteProgress Progress()
        {
            lock (_gate)
            {
                return new BulkInviteProgress { Done = _done, Total = total, Invited = _invited, Skipped = _skipped, Failed = _failed };
            }
        }

        public BulkRun ToBulkRun()
        {
            lock (_gate)
            {
                var progress = new BulkInviteProgress { Done = _done, Total = total, Invited = _invited, Skipped = _skipped, Failed = _failed };
                return new BulkRun
                {
                    Id = Id,
                    Launched = launched,
                    Completed = _completed,
                    CompletionStatus = _status,
                    PercentComplete = _status is { } s && s != BulkRunCompletionStatus.Terminated ? 100 : progress.PercentComplete ?? 0,
                    Progress = progress,
                    Messages = _messages.ToList(),
                };
            }
        }

        private void AddMessageLocked(string message)
        {
            if (_messages.Count < MaxMessages)
            {
                _messages.Add(message);
            }
        }
    }
}
