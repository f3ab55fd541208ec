using System.Text.Json.Serialization;

namespace Invitations.AspNetCore.Contracts;

/// <summary>The answer to <c>POST /invitations</c>.</summary>
internal sealed class CreateInvitationResponse
{
    /// <summary><c>created</c>, <c>resent</c>, <c>reused</c> or <c>replayed</c>.</summary>
    [JsonPropertyName("result")] public required string Result { get; init; }
    [JsonPropertyName("invitation")] public required InvitationBody Invitation { get; init; }
    /// <summary>The invitation link, only when the request asked for <c>skip_send</c> (PingOne); absent otherwise.</summary>
    [JsonPropertyName("link")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Link { get; init; }
}
