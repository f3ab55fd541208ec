using NodaTime;

namespace Invitations;

/// <summary>
/// The shared state of a bulk run as an <see cref="IBulkRunStore"/> keeps it, so every app instance can read and cancel
/// the run: who runs it and until when its lease lasts, its counters, the first failure messages and how it ended.
/// </summary>
public sealed record BulkRunRecord
{
    /// <summary>The run id.</summary>
    public required string Id { get; init; }

    /// <summary>The app instance running it (the lease owner).</summary>
    public required string Owner { get; init; }

    /// <summary>When the run started.</summary>
    public required Instant Launched { get; init; }

    /// <summary>
    /// Until when the owner's lease lasts; the owner renews it while it runs. A running run whose lease has lapsed is
    /// ended as <see cref="BulkRunCompletionStatus.Error"/> with <see cref="LeaseLapsed"/> set, the first time a store
    /// reads or sweeps it.
    /// </summary>
    public required Instant LeaseExpiresAt { get; init; }

    /// <summary>The number of requests, when known.</summary>
    public long? Total { get; init; }

    /// <summary>How many requests have an outcome.</summary>
    public long Done { get; init; }

    /// <summary>How many requests led to an invitation.</summary>
    public long Invited { get; init; }

    /// <summary>How many requests were skipped.</summary>
    public long Skipped { get; init; }

    /// <summary>How many requests failed.</summary>
    public long Failed { get; init; }

    /// <summary>The first failure messages (the owner keeps at most 100, plus the closing one).</summary>
    public IReadOnlyList<string> Messages { get; init; } = [];

    /// <summary>Whether some instance asked the run to stop; the owner sees it at its next save and stops.</summary>
    public bool CancelRequested { get; init; }

    /// <summary>When the run ended; null while it runs.</summary>
    public Instant? Completed { get; init; }

    /// <summary>How the run ended; null while it runs.</summary>
    public BulkRunCompletionStatus? CompletionStatus { get; init; }

    /// <summary>Whether the run was ended because its owner's lease lapsed (the owner stopped without finishing it).</summary>
    public bool LeaseLapsed { get; init; }
}
