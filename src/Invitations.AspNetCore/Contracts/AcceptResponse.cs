using System.Text.Json.Serialization;

namespace Invitations.AspNetCore.Contracts;

/// <summary>The answer to an accept: what the host applies to the account, once.</summary>
internal sealed class AcceptResponse
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("sub")] public string? Sub { get; init; }
    [JsonPropertyName("groups")] public required IReadOnlyList<string> Groups { get; init; }
    [JsonPropertyName("roles")] public required IReadOnlyList<string> Roles { get; init; }
    [JsonPropertyName("custom_fields")] public required IReadOnlyDictionary<string, string> CustomFields { get; init; }
    [JsonPropertyName("redirect_link")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? RedirectLink { get; init; }
}
