using System.Text.Json.Serialization;

namespace Invitations.AspNetCore.Contracts;

/// <summary>The body of <c>PATCH /invitations/{id}</c> (cidaas): <c>reinitiated</c> resends, <c>revoked</c> revokes.</summary>
internal sealed class ChangeStateBody
{
    [JsonPropertyName("status")] public string? Status { get; init; }
}
