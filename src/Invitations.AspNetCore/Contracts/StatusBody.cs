using System.Text.Json.Serialization;

namespace Invitations.AspNetCore.Contracts;

/// <summary>The answer to a reject: the invitation and its new status, nothing more.</summary>
internal sealed class StatusBody
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
}
