using NodaTime;

namespace Invitations;

/// <summary>The status of a bulk run (SailPoint TaskStatus: id, launched, completed, completionStatus, messages, percentComplete).</summary>
public sealed record BulkRun
{
    /// <summary>The run id.</summary>
    public required string Id { get; init; }

    /// <summary>When the run started.</summary>
    public required Instant Launched { get; init; }

    /// <summary>When the run ended; null while it runs.</summary>
    public Instant? Completed { get; init; }

    /// <summary>How the run ended; null while it runs.</summary>
    public BulkRunCompletionStatus? CompletionStatus { get; init; }

    /// <summary>The percentage done: 100 when finished, otherwise (also when terminated) from the expected count (0 when unknown).</summary>
    public int PercentComplete { get; init; }

    /// <summary>The counters so far.</summary>
    public required BulkInviteProgress Progress { get; init; }

    /// <summary>The first failure messages (at most 100, one per failed request: index, code and message) and how the run ended.</summary>
    public required IReadOnlyList<string> Messages { get; init; }
}
