using System.Text.Json.Serialization;

namespace Invitations.AspNetCore.Contracts;

/// <summary>The counts of a bulk run.</summary>
internal sealed class ProgressBody
{
    [JsonPropertyName("total")] public long? Total { get; init; }
    [JsonPropertyName("done")] public required long Done { get; init; }
    [JsonPropertyName("invited")] public required long Invited { get; init; }
    [JsonPropertyName("skipped")] public required long Skipped { get; init; }
    [JsonPropertyName("failed")] public required long Failed { get; init; }
}
