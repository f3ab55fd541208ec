using System.Text.Json.Serialization;

namespace Invitations.AspNetCore.Identity.Internal;

/// <summary>The <c>201</c> answer of <c>POST /invitation/register</c>.</summary>
internal sealed record RegistrationResponse
{
    /// <summary>The new account's id (cidaas: <c>sub</c>).</summary>
    [JsonPropertyName("sub")]
    public required string Sub { get; init; }

    /// <summary>The accepted invitation's id.</summary>
    [JsonPropertyName("invite_id")]
    public string? InvitationId { get; init; }

    /// <summary>The allow-listed URL to send the invitee to next, if the invitation has one.</summary>
    [JsonPropertyName("redirect_link")]
    public string? RedirectLink { get; init; }
}
