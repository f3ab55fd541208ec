using System.Text.Json.Serialization;

namespace Invitations.AspNetCore.Contracts;

/// <summary>The body of <c>POST …/accept</c>.</summary>
internal sealed class AcceptBody
{
    [JsonPropertyName("invite_token")] public string? InviteToken { get; init; }
    [JsonPropertyName("invite_id")] public string? InviteId { get; init; }
    /// <summary>The account id; read only when <c>AllowSubjectFromBody</c> is on, otherwise the signed-in user's.</summary>
    [JsonPropertyName("sub")] public string? Sub { get; init; }
    /// <summary>The address the invitee registers with (checked when the invitation requires the same e-mail).</summary>
    [JsonPropertyName("email")] public string? Email { get; init; }
}
