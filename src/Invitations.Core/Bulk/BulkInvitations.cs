using System.Runtime.CompilerServices;
using Invitations.Automation;
using Invitations.Diagnostics;
using Invitations.Inviting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Bulk;

/// <summary>Bulk invitations: stream in, batches through the single-invite pipeline, one outcome per request out; runs in the background on request.</summary>
internal sealed class BulkInvitations : IBulkInvitations, IDisposable
{
    private readonly InvitePipeline _pipeline;
    private readonly InvitationsOptions _options;
    private readonly IUserDirectory? _directory;
    private readonly BulkRunRegistry _runs;

    public BulkInvitations(InvitePipeline pipeline, IOptions<InvitationsOptions> options, IClock clock, ILogger<BulkInvitations> logger, IUserDirectory? directory = null)
    {
        _pipeline = pipeline;
        _options = options.Value;
        _directory = directory;
        _runs = new BulkRunRegistry(clock, logger);
    }

    public async IAsyncEnumerable<BulkInviteOutcome> InviteManyAsync(
        IAsyncEnumerable<InviteRequest> requests, BulkInviteOptions? options = null, IProgress<BulkInviteProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        options ??= new BulkInviteOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1, nameof(options));
        using var activity = InvitationsTelemetry.ActivitySource.StartActivity("invitations.invite_many");
        var tally = new BulkTally(options.ExpectedCount);
        long index = 0;
        await foreach (var batch in BatchesAsync(requests, options.BatchSize, cancellationToken).ConfigureAwait(false))
        {
            var outcomes = await RunBatchAsync(batch, index, options.MaxDegreeOfParallelism, tally, cancellationToken).ConfigureAwait(false);
            foreach (var outcome in outcomes)
            {
                if (outcome is null)
                {
                    break; // not started because the run was cancelled
                }

                yield return outcome;
            }

            index += batch.Count;
            progress?.Report(tally.Snapshot());
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        progress?.Report(tally.Snapshot());
        cancellationToken.ThrowIfCancellationRequested();
    }

    public Task<string> StartRunAsync(IAsyncEnumerable<InviteRequest> requests, BulkInviteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_runs.Start(options?.ExpectedCount, token => InviteManyAsync(requests, options, null, token)));
    }

    public Task<string> StartUnregisteredRunAsync(InvitationActor inviter, BulkInviteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inviter);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_runs.Start(options?.ExpectedCount, token => InviteUnregisteredAsync(inviter, options, null, token)));
    }

    public Task<BulkRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default) => Task.FromResult(_runs.Get(runId));

    public Task<bool> CancelRunAsync(string runId, CancellationToken cancellationToken = default) => Task.FromResult(_runs.Cancel(runId));

    public void Dispose() => _runs.Dispose();

    public IAsyncEnumerable<BulkInviteOutcome> InviteUnregisteredAsync(
        InvitationActor inviter, BulkInviteOptions? options = null, IProgress<BulkInviteProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inviter);
        var directory = _directory ?? throw new InvalidOperationException(
            "Inviting every unregistered identity needs the host's IUserDirectory: register one (services.AddSingleton<IUserDirectory, MyDirectory>()) that implements ListUnregisteredAsync.");
        return InviteManyAsync(UnregisteredRequestsAsync(directory, inviter, cancellationToken), options, progress, cancellationToken);
    }

    private async IAsyncEnumerable<InviteRequest> UnregisteredRequestsAsync(
        IUserDirectory directory, InvitationActor inviter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var taken = 0;
        await foreach (var identity in directory.ListUnregisteredAsync(cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // The cap is SailPoint's "uninvited" limit: a run never mails an unbounded population by accident.
            if (taken++ >= _options.Limits.MaxUnregisteredInvitesPerRun)
            {
                yield break;
            }

            yield return IdentityRequests.For(identity, inviter, idempotencyKey: null, _options.AutoInvite);
        }
    }

    /// <summary>Reads the input in batches so that only one batch of requests and outcomes is in memory at a time.</summary>
    private static async IAsyncEnumerable<List<InviteRequest>> BatchesAsync(
        IAsyncEnumerable<InviteRequest> requests, int size, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<InviteRequest>(size);
        await foreach (var request in requests.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            batch.Add(request ?? throw new ArgumentException("The requests must not contain null.", nameof(requests)));
            if (batch.Count == size)
            {
                yield return batch;
                batch = new List<InviteRequest>(size);
            }
        }

        if (batch.Count > 0 && !cancellationToken.IsCancellationRequested)
        {
            yield return batch;
        }
    }

    /// <summary>
    /// Runs one batch; an entry stays null only when cancellation kept its request from starting. A started request
    /// runs to its definitive outcome (the token is not passed down), so nothing is left half-done or unreported.
    /// </summary>
    private async Task<BulkInviteOutcome?[]> RunBatchAsync(List<InviteRequest> batch, long firstIndex, int parallelism, BulkTally tally, CancellationToken cancellationToken)
    {
        var outcomes = new BulkInviteOutcome?[batch.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, batch.Count), parallel, async (i, _) =>
            {
                var result = await _pipeline.InviteAsync(batch[i], neverResend: true, CancellationToken.None).ConfigureAwait(false);
                outcomes[i] = tally.Record(ToOutcome(firstIndex + i, batch[i], result));
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Reported by the caller after yielding what completed.
        }

        return outcomes;
    }

    private static BulkInviteOutcome ToOutcome(long index, InviteRequest request, InvitationResult<InviteResult> result)
    {
        if (result.IsSuccess)
        {
            return new BulkInviteOutcome { Index = index, Status = BulkInviteStatus.Invited, Request = request, InvitationId = result.Value.Invitation.Id };
        }

        var status = result.Error.Code switch
        {
            InvitationErrorCodes.UserAlreadyRegistered => BulkInviteStatus.SkippedAlreadyRegistered,
            InvitationErrorCodes.DuplicatePending => BulkInviteStatus.SkippedPendingExists,
            _ => BulkInviteStatus.Failed,
        };
        return new BulkInviteOutcome { Index = index, Status = status, Request = request, Error = result.Error };
    }

    /// <summary>Thread-safe counters of one run.</summary>
    private sealed class BulkTally(long? total)
    {
        private long _done;
        private long _invited;
        private long _skipped;
        private long _failed;

        public BulkInviteOutcome Record(BulkInviteOutcome outcome)
        {
            if (outcome.Status == BulkInviteStatus.Invited)
            {
                Interlocked.Increment(ref _invited);
            }
            else if (outcome.Status == BulkInviteStatus.Failed)
            {
                Interlocked.Increment(ref _failed);
            }
            else
            {
                Interlocked.Increment(ref _skipped);
            }

            Interlocked.Increment(ref _done);
            return outcome;
        }

        public BulkInviteProgress Snapshot() => new()
        {
            Done = Interlocked.Read(ref _done),
            Total = total,
            Invited = Interlocked.Read(ref _invited),
            Skipped = Interlocked.Read(ref _skipped),
            Failed = Interlocked.Read(ref _failed),
        };
    }
}
