using System.Text.Json.Serialization;

namespace Invitations.AspNetCore.Identity.Internal;

/// <summary>The JSON body of <c>POST /invitation/register</c> (snake_case, as cidaas writes its register request).</summary>
internal sealed record RegistrationBody
{
    /// <summary>The token from the link (cidaas: <c>invite_id</c>; <c>invite_token</c> is accepted too).</summary>
    [JsonPropertyName("invite_id")]
    public string? InviteId { get; init; }

    /// <summary>The token from the link, under the name the invitee endpoints of Invitations.AspNetCore use.</summary>
    [JsonPropertyName("invite_token")]
    public string? InviteToken { get; init; }

    /// <summary>The chosen password.</summary>
    [JsonPropertyName("password")]
    public string? Password { get; init; }

    /// <summary>The user name; default: the invited address.</summary>
    [JsonPropertyName("username")]
    public string? UserName { get; init; }

    /// <summary>The given name.</summary>
    [JsonPropertyName("given_name")]
    public string? GivenName { get; init; }

    /// <summary>The family name.</summary>
    [JsonPropertyName("family_name")]
    public string? FamilyName { get; init; }

    /// <summary>Never prints the password or the token.</summary>
    /// <returns>The user name and names, the secrets redacted.</returns>
    public override string ToString() => $"RegistrationBody {{ UserName = {UserName}, GivenName = {GivenName}, FamilyName = {FamilyName} }}";
}
