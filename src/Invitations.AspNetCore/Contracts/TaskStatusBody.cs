using System.Text.Json.Serialization;
using NodaTime.Text;

namespace Invitations.AspNetCore.Contracts;

/// <summary>A bulk run in SailPoint's <c>TaskStatus</c> shape (in this API's snake_case).</summary>
internal sealed class TaskStatusBody
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("launched")] public required string Launched { get; init; }
    [JsonPropertyName("completed")] public string? Completed { get; init; }
    /// <summary><c>SUCCESS</c>, <c>WARNING</c>, <c>ERROR</c> or <c>TERMINATED</c> once completed (SailPoint's values); absent while running.</summary>
    [JsonPropertyName("completion_status")] public string? CompletionStatus { get; init; }
    [JsonPropertyName("percent_complete")] public required int PercentComplete { get; init; }
    [JsonPropertyName("messages")] public required IReadOnlyList<string> Messages { get; init; }
    [JsonPropertyName("progress")] public required ProgressBody Progress { get; init; }

    public static TaskStatusBody From(BulkRun run) => new()
    {
        Id = run.Id,
        Launched = InstantPattern.ExtendedIso.Format(run.Launched),
        Completed = run.Completed is { } completed ? InstantPattern.ExtendedIso.Format(completed) : null,
        CompletionStatus = run.CompletionStatus?.ToString().ToUpperInvariant(),
        PercentComplete = run.PercentComplete,
        Messages = run.Messages,
        Progress = new ProgressBody
        {
            Total = run.Progress.Total,
            Done = run.Progress.Done,
            Invited = run.Progress.Invited,
            Skipped = run.Progress.Skipped,
            Failed = run.Progress.Failed,
        },
    };
}
