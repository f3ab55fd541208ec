using System.Text.Json;
using NodaTime;

namespace Invitations.EntityFrameworkCore;

/// <summary>The table row of one bulk run (<see cref="InvitationsModelBuilderExtensions.BulkRunsTable"/>).</summary>
internal sealed class BulkRunRow
{
    public string Id { get; set; } = "";

    public string Owner { get; set; } = "";

    public Instant LaunchedAt { get; set; }

    public Instant LeaseExpiresAt { get; set; }

    public long? Total { get; set; }

    public long Done { get; set; }

    public long Invited { get; set; }

    public long Skipped { get; set; }

    public long Failed { get; set; }

    /// <summary>The first failure messages and the closing one, as a JSON array of strings.</summary>
    public string Messages { get; set; } = "[]";

    public bool CancelRequested { get; set; }

    public Instant? CompletedAt { get; set; }

    /// <summary>The <see cref="BulkRunCompletionStatus"/>; null while the run runs.</summary>
    public int? CompletionStatus { get; set; }

    public bool LeaseLapsed { get; set; }

    public static BulkRunRow From(BulkRunRecord run) => new()
    {
        Id = run.Id,
        Owner = run.Owner,
        LaunchedAt = run.Launched,
        LeaseExpiresAt = run.LeaseExpiresAt,
        Total = run.Total,
        Done = run.Done,
        Invited = run.Invited,
        Skipped = run.Skipped,
        Failed = run.Failed,
        Messages = SerializeMessages(run.Messages),
        CancelRequested = run.CancelRequested,
        CompletedAt = run.Completed,
        CompletionStatus = run.CompletionStatus is { } status ? (int)status : null,
        LeaseLapsed = run.LeaseLapsed,
    };

    public static string SerializeMessages(IReadOnlyList<string> messages) => JsonSerializer.Serialize(messages ?? [], RowJsonContext.Default.IReadOnlyListString);

    public BulkRunRecord ToRecord() => new()
    {
        Id = Id,
        Owner = Owner,
        Launched = LaunchedAt,
        LeaseExpiresAt = LeaseExpiresAt,
        Total = Total,
        Done = Done,
        Invited = Invited,
        Skipped = Skipped,
        Failed = Failed,
        Messages = JsonSerializer.Deserialize(Messages, RowJsonContext.Default.IReadOnlyListString) ?? [],
        CancelRequested = CancelRequested,
        Completed = CompletedAt,
        CompletionStatus = CompletionStatus is { } status ? (BulkRunCompletionStatus)status : null,
        LeaseLapsed = LeaseLapsed,
    };
}
