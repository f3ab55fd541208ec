namespace Invitations;

/// <summary>A progress report of a bulk run, sent after every batch and at the end.</summary>
public sealed record BulkInviteProgress
{
    /// <summary>How many requests have an outcome so far.</summary>
    public long Done { get; init; }

    /// <summary>The number of requests, when known (<see cref="BulkInviteOptions.ExpectedCount"/>).</summary>
    public long? Total { get; init; }

    /// <summary>How many requests led to an invitation.</summary>
    public long Invited { get; init; }

    /// <summary>How many requests were skipped (registered user or pending invitation).</summary>
    public long Skipped { get; init; }

    /// <summary>How many requests failed.</summary>
    public long Failed { get; init; }

    /// <summary>The percentage done (0 to 100) when the total is known; otherwise null.</summary>
    public int? PercentComplete => Total switch
    {
        null => null,
        <= 0 => 100,
        { } total => (int)Math.Min(100, Done * 100 / total),
    };
}
