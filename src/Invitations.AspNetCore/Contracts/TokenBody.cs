using System.Text.Json.Serialization;

namespace Invitations.AspNetCore.Contracts;

/// <summary>The body of <c>POST …/reject</c>; the token may come from the query or the <c>invite_id</c> header instead.</summary>
internal sealed class TokenBody
{
    [JsonPropertyName("invite_token")] public string? InviteToken { get; init; }
    [JsonPropertyName("invite_id")] public string? InviteId { get; init; }
}
