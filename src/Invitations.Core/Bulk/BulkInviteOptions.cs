namespace Invitations;

/// <summary>How a bulk run reads and processes its requests. The defaults suit both the in-memory and database stores.</summary>
public sealed record BulkInviteOptions
{
    /// <summary>
    /// How many requests are read ahead and processed before their outcomes are yielded. Memory use is
    /// bounded by this number, not by the size of the run. Default: 100.
    /// </summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>How many requests of one batch are processed at the same time. Default: 4.</summary>
    public int MaxDegreeOfParallelism { get; init; } = 4;

    /// <summary>The number of requests, when the caller knows it, so progress can report a percentage. Default: null (unknown).</summary>
    public long? ExpectedCount { get; init; }
}
