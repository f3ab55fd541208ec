using System.Text.Json.Serialization;
using NodaTime.Text;

namespace Invitations.AspNetCore.Contracts;

/// <summary>An invitation as the admin API shows it (never its token).</summary>
internal sealed class InvitationBody
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("channel")] public required string Channel { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("mobile_number")] public string? MobileNumber { get; init; }
    [JsonPropertyName("given_name")] public string? GivenName { get; init; }
    [JsonPropertyName("family_name")] public string? FamilyName { get; init; }
    [JsonPropertyName("groups")] public required IReadOnlyList<string> Groups { get; init; }
    [JsonPropertyName("roles")] public required IReadOnlyList<string> Roles { get; init; }
    [JsonPropertyName("custom_fields")] public required IReadOnlyDictionary<string, string> CustomFields { get; init; }
    [JsonPropertyName("organization_id")] public string? OrganizationId { get; init; }
    [JsonPropertyName("invited_by")] public required string InvitedBy { get; init; }
    [JsonPropertyName("client_id")] public string? ClientId { get; init; }
    [JsonPropertyName("invite_template_key")] public required string TemplateKey { get; init; }
    [JsonPropertyName("lang")] public string? Lang { get; init; }
    [JsonPropertyName("version")] public required long Version { get; init; }
    [JsonPropertyName("send_count")] public required int SendCount { get; init; }
    [JsonPropertyName("created_at")] public required string CreatedAt { get; init; }
    [JsonPropertyName("updated_at")] public required string UpdatedAt { get; init; }
    [JsonPropertyName("expires_at")] public required string ExpiresAt { get; init; }
    [JsonPropertyName("accepted_sub")] public string? AcceptedSub { get; init; }

    public static InvitationBody From(InvitationSnapshot s) => new()
    {
        Id = s.Id.ToString(),
        Status = Wire.State(s.State),
        Channel = Wire.Channel(s.Channel),
        Email = s.Email,
        MobileNumber = s.MobileNumber,
        GivenName = s.GivenName,
        FamilyName = s.FamilyName,
        Groups = s.Groups,
        Roles = s.Roles,
        CustomFields = s.CustomFields,
        OrganizationId = s.OrganizationId,
        InvitedBy = s.InvitedBy,
        ClientId = s.ClientId,
        TemplateKey = s.TemplateKey,
        Lang = s.Locale,
        Version = s.Version,
        SendCount = s.SendCount,
        CreatedAt = InstantPattern.ExtendedIso.Format(s.CreatedAt),
        UpdatedAt = InstantPattern.ExtendedIso.Format(s.UpdatedAt),
        ExpiresAt = InstantPattern.ExtendedIso.Format(s.ExpiresAt),
        AcceptedSub = s.AcceptedSubjectId,
    };
}
