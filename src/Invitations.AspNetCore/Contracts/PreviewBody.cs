using System.Text.Json.Serialization;
using NodaTime.Text;

namespace Invitations.AspNetCore.Contracts;

/// <summary>What a registration page pre-fills, answered to the token holder.</summary>
internal sealed class PreviewBody
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("mobile_number")] public string? MobileNumber { get; init; }
    [JsonPropertyName("given_name")] public string? GivenName { get; init; }
    [JsonPropertyName("family_name")] public string? FamilyName { get; init; }
    [JsonPropertyName("custom_fields")] public required IReadOnlyDictionary<string, string> CustomFields { get; init; }
    [JsonPropertyName("organization_id")] public string? OrganizationId { get; init; }
    [JsonPropertyName("client_id")] public string? ClientId { get; init; }
    [JsonPropertyName("invited_by_name")] public string? InvitedByName { get; init; }
    [JsonPropertyName("lang")] public string? Lang { get; init; }
    [JsonPropertyName("allow_same_email")] public required bool AllowSameEmail { get; init; }
    [JsonPropertyName("expires_at")] public required string ExpiresAt { get; init; }

    /// <summary><c>login</c> for an invitee with an account outside the organization (sign in to join), else <c>register</c>, as the link's <c>view_type</c>.</summary>
    [JsonPropertyName("view_type")] public required string ViewType { get; init; }

    public static PreviewBody From(InvitationPreview p) => new()
    {
        Id = p.Id.ToString(),
        Email = p.Email,
        MobileNumber = p.MobileNumber,
        GivenName = p.GivenName,
        FamilyName = p.FamilyName,
        CustomFields = p.CustomFields,
        OrganizationId = p.OrganizationId,
        ClientId = p.ClientId,
        InvitedByName = p.InvitedByName,
        Lang = p.Locale,
        AllowSameEmail = p.AllowSameEmailOnly,
        ExpiresAt = InstantPattern.ExtendedIso.Format(p.ExpiresAt),
        ViewType = p.HasExistingAccount ? "login" : "register",
    };
}
