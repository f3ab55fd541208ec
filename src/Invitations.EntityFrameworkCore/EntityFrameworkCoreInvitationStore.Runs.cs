using Invitations.EntityFrameworkCore.Providers;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Invitations.EntityFrameworkCore;

/// <summary>
/// The bulk-run half of the EF Core store (table <c>invitation_bulk_runs</c>): every write is one conditional UPDATE
/// (owner and still running), so two instances never both end a run, and a lapsed lease is ended by whoever reads first.
/// </summary>
public sealed partial class EntityFrameworkCoreInvitationStore<TContext> : IBulkRunStore
{
    /// <inheritdoc />
    public ValueTask<bool> CreateRunAsync(BulkRunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        CheckRun(run);
        var row = BulkRunRow.From(run with { Completed = null, CompletionStatus = null, CancelRequested = false, LeaseLapsed = false });
        return RunAsync(
            async (context, provider, ct) =>
            {
                if (provider.InsertsIgnoringConflicts)
                {
                    var (sql, parameters) = RowSql<BulkRunRow>.For(context).Insert(context, [row], " ON CONFLICT DO NOTHING");
                    return await context.Database.ExecuteSqlRawAsync(sql, parameters, ct).ConfigureAwait(false) == 1;
                }

                if (await context.Set<BulkRunRow>().AnyAsync(r => r.Id == row.Id, ct).ConfigureAwait(false))
                {
                    return false;
                }

                context.Add(row);
                await context.SaveChangesAsync(ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            write: true);
    }

    /// <inheritdoc />
    public ValueTask<BulkRunRecord?> FindRunAsync(string runId, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return RunAsync(
            async (context, _, ct) =>
            {
                await LapseRunsAsync(context.Set<BulkRunRow>().Where(r => r.Id == runId), now, ct).ConfigureAwait(false);
                var row = await context.Set<BulkRunRow>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct).ConfigureAwait(false);
                return row?.ToRecord();
            },
            cancellationToken,
            write: true);
    }

    /// <inheritdoc />
    public ValueTask<BulkRunLeaseStatus> SaveRunProgressAsync(BulkRunRecord progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        CheckRun(progress);
        var messages = BulkRunRow.SerializeMessages(progress.Messages);
        return RunAsync(
            async (context, _, ct) =>
            {
                var saved = await OwnedRunning(context, progress).ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.Done, progress.Done).SetProperty(r => r.Invited, progress.Invited)
                        .SetProperty(r => r.Skipped, progress.Skipped).SetProperty(r => r.Failed, progress.Failed)
                        .SetProperty(r => r.Messages, messages).SetProperty(r => r.LeaseExpiresAt, progress.LeaseExpiresAt),
                    ct).ConfigureAwait(false);
                if (saved == 0)
                {
                    return BulkRunLeaseStatus.Lost;
                }

                var cancel = await context.Set<BulkRunRow>().Where(r => r.Id == progress.Id).Select(r => r.CancelRequested).FirstAsync(ct).ConfigureAwait(false);
                return cancel ? BulkRunLeaseStatus.CancelRequested : BulkRunLeaseStatus.Held;
            },
            cancellationToken,
            write: true);
    }

    /// <inheritdoc />
    public ValueTask<bool> CompleteRunAsync(BulkRunRecord final, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(final);
        CheckRun(final);
        if (final.Completed is not { } completed || final.CompletionStatus is not { } status)
        {
            throw new ArgumentException("A completed run needs Completed and CompletionStatus.", nameof(final));
        }

        Instant? completedAt = completed;
        int? completion = (int)status;
        var messages = BulkRunRow.SerializeMessages(final.Messages);
        return RunAsync(
            async (context, _, ct) => await OwnedRunning(context, final).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Done, final.Done).SetProperty(r => r.Invited, final.Invited)
                    .SetProperty(r => r.Skipped, final.Skipped).SetProperty(r => r.Failed, final.Failed)
                    .SetProperty(r => r.Messages, messages).SetProperty(r => r.LeaseExpiresAt, final.LeaseExpiresAt)
                    .SetProperty(r => r.CompletedAt, completedAt).SetProperty(r => r.CompletionStatus, completion),
                ct).ConfigureAwait(false) == 1,
            cancellationToken,
            write: true);
    }

    /// <inheritdoc />
    public ValueTask<bool> RequestRunCancellationAsync(string runId, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return RunAsync(
            async (context, _, ct) =>
            {
                await LapseRunsAsync(context.Set<BulkRunRow>().Where(r => r.Id == runId), now, ct).ConfigureAwait(false);
                return await context.Set<BulkRunRow>()
                    .Where(r => r.Id == runId && r.CompletionStatus == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelRequested, true), ct).ConfigureAwait(false) == 1;
            },
            cancellationToken,
            write: true);
    }

    /// <inheritdoc />
    public ValueTask<int> SweepLapsedRunsAsync(Instant now, int maxRuns, CancellationToken cancellationToken)
    {
        if (maxRuns < 1)
        {
            return ValueTask.FromResult(0);
        }

        return RunAsync(
            async (context, _, ct) =>
            {
                // Served by ix_invitation_bulk_runs_status_lease.
                var due = await context.Set<BulkRunRow>()
                    .Where(r => r.CompletionStatus == null && r.LeaseExpiresAt <= now)
                    .OrderBy(r => r.LeaseExpiresAt)
                    .Select(r => r.Id)
                    .Take(maxRuns)
                    .ToListAsync(ct).ConfigureAwait(false);
                return due.Count == 0 ? 0 : await LapseRunsAsync(context.Set<BulkRunRow>().Where(r => due.Contains(r.Id)), now, ct).ConfigureAwait(false);
            },
            cancellationToken,
            write: true);
    }

    /// <summary>Ends the running runs of <paramref name="runs"/> whose lease expired at or before <paramref name="now"/>: one conditional UPDATE.</summary>
    private static Task<int> LapseRunsAsync(IQueryable<BulkRunRow> runs, Instant now, CancellationToken cancellationToken)
    {
        Instant? completedAt = now;
        int? error = (int)BulkRunCompletionStatus.Error;
        return runs
            .Where(r => r.CompletionStatus == null && r.LeaseExpiresAt <= now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.CompletionStatus, error).SetProperty(r => r.CompletedAt, completedAt).SetProperty(r => r.LeaseLapsed, true),
                cancellationToken);
    }

    private static IQueryable<BulkRunRow> OwnedRunning(TContext context, BulkRunRecord run) =>
        context.Set<BulkRunRow>().Where(r => r.Id == run.Id && r.Owner == run.Owner && r.CompletionStatus == null);

    private static void CheckRun(BulkRunRecord run)
    {
        if (run.Id is not { Length: > 0 and <= BulkRunModel.MaxIdLength } || run.Owner is not { Length: > 0 and <= BulkRunModel.MaxOwnerLength })
        {
            throw new ArgumentException(
                $"A run needs an id of 1 to {BulkRunModel.MaxIdLength} characters and an owner of 1 to {BulkRunModel.MaxOwnerLength}.", nameof(run));
        }
    }
}
