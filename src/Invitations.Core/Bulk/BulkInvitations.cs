using System.Runtime.CompilerServices;
using Invitations.Automation;
using Invitations.Delivery;
using Invitations.Diagnostics;
using Invitations.Inviting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Bulk;

/// <summary>
/// Bulk invitations: stream in, each batch checked request by request and saved with one store call, one outcome per
/// request out; runs in the background on request, their state in the store's <see cref="IBulkRunStore"/>.
/// </summary>
internal sealed class BulkInvitations : IBulkInvitations, IDisposable
{
    private readonly InvitePipeline _pipeline;
    private readonly OutboxDispatcher _dispatcher;
    private readonly InvitationsOptions _options;
    private readonly IUserDirectory? _directory;
    private readonly BulkRunRegistry _runs;

    /// <remarks>
    /// The runs live in <paramref name="runStore"/> when the host registered one, else in the invitation store when it
    /// keeps runs (both built-in stores do), else in this process only (a private in-memory store).
    /// </remarks>
    public BulkInvitations(
        InvitePipeline pipeline, OutboxDispatcher dispatcher, IInvitationStore store, IOptions<InvitationsOptions> options, IClock clock, TimeProvider time,
        ILogger<BulkInvitations> logger, IUserDirectory? directory = null, IBulkRunStore? runStore = null)
    {
        _pipeline = pipeline;
        _dispatcher = dispatcher;
        _options = options.Value;
        _directory = directory;
        _runs = new BulkRunRegistry(runStore ?? store as IBulkRunStore ?? new InMemoryInvitationStore(), clock, time, logger);
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
        return _runs.StartAsync(options?.ExpectedCount, (progress, token) => InviteManyAsync(requests, options, progress, token), cancellationToken);
    }

    public Task<string> StartUnregisteredRunAsync(InvitationActor inviter, BulkInviteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inviter);
        cancellationToken.ThrowIfCancellationRequested();
        return _runs.StartAsync(options?.ExpectedCount, (progress, token) => InviteUnregisteredAsync(inviter, options, progress, token), cancellationToken);
    }

    public Task<BulkRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return _runs.GetAsync(runId, cancellationToken);
    }

    public Task<bool> CancelRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return _runs.CancelAsync(runId, cancellationToken);
    }

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
    /// runs to its definitive outcome (the token is not passed down), so nothing is left half-done or unreported. The
    /// requests are checked concurrently, the batch is saved with one store call, and its inline delivery completes
    /// with one more; a store conflict of one request (a pending invitation, a replayed key) is settled for it alone.
    /// </summary>
    private async Task<BulkInviteOutcome?[]> RunBatchAsync(List<InviteRequest> batch, long firstIndex, int parallelism, BulkTally tally, CancellationToken cancellationToken)
    {
        if (!_pipeline.CanBatch)
        {
            return await RunOneByOneAsync(batch, firstIndex, parallelism, tally, cancellationToken).ConfigureAwait(false);
        }

        var prepared = new BulkPreparation?[batch.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, batch.Count), parallel, async (i, _) =>
                prepared[i] = await _pipeline.PrepareAsync(batch[i], CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The requests prepared so far are saved and reported; the rest did not start.
        }

        // Only the prepared prefix goes on: outcomes are yielded in input order up to the first request that did not start.
        var started = Array.IndexOf(prepared, null);
        started = started < 0 ? batch.Count : started;
        var toSave = new List<int>(started);
        for (var i = 0; i < started; i++)
        {
            if (prepared[i] is { Result: null })
            {
                toSave.Add(i);
            }
        }

        var results = new InvitationResult<InviteResult>?[batch.Count];
        if (toSave.Count > 0)
        {
            var creations = toSave.ConvertAll(i => new InvitationCreation(prepared[i]!.Built.Data, prepared[i]!.Built.Outbox));
            var writes = await _dispatcher.CreateManyAsync(creations, CancellationToken.None).ConfigureAwait(false);
            await Parallel.ForEachAsync(Enumerable.Range(0, toSave.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (k, _) =>
                results[toSave[k]] = await _pipeline.SettleAsync(prepared[toSave[k]]!, writes[k].Status, CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
            await _dispatcher.DispatchSavedManyAsync(writes, parallelism, CancellationToken.None).ConfigureAwait(false);
        }

        var outcomes = new BulkInviteOutcome?[batch.Count];
        for (var i = 0; i < started; i++)
        {
            if ((prepared[i]!.Result ?? results[i]) is { } result)
            {
                outcomes[i] = tally.Record(ToOutcome(firstIndex + i, batch[i], result));
            }
        }

        return outcomes;
    }

    /// <summary>A batch request by request through the single-invite pipeline (when batches cannot be saved as one call).</summary>
    private async Task<BulkInviteOutcome?[]> RunOneByOneAsync(List<InviteRequest> batch, long firstIndex, int parallelism, BulkTally tally, CancellationToken cancellationToken)
    {
        var outcomes = new BulkInviteOutcome?[batch.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, batch.Count), parallel, async (i, _) =>
            {
                var result = await _pipeline.InviteAsync(batch[i], neverResend: true, authorize: true, CancellationToken.None).ConfigureAwait(false);
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
