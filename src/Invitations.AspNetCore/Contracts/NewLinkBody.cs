using System.Text.Json.Serialization;

namespace Invitations.AspNetCore.Contracts;

/// <summary>The body of <c>POST …/new-link</c>: the old token, or the invited address (and organization).</summary>
internal sealed class NewLinkBody
{
    [JsonPropertyName("invite_token")] public string? InviteToken { get; init; }
    [JsonPropertyName("invite_id")] public string? InviteId { get; init; }
    [JsonPropertyName("address")] public string? Address { get; init; }
    [JsonPropertyName("organization_id")] public string? OrganizationId { get; init; }
}
