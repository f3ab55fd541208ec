using System.Text.Json.Serialization;

namespace Invitations.AspNetCore.Contracts;

/// <summary>The body of <c>POST /invitations</c>: the union of the seeds' create fields that <see cref="InviteRequest"/> carries, in cidaas's snake_case.</summary>
internal sealed class CreateInvitationBody
{
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("mobile_number")] public string? MobileNumber { get; init; }
    [JsonPropertyName("personal_email")] public string? PersonalEmail { get; init; }
    [JsonPropertyName("given_name")] public string? GivenName { get; init; }
    [JsonPropertyName("family_name")] public string? FamilyName { get; init; }
    [JsonPropertyName("groups")] public List<string>? Groups { get; init; }
    [JsonPropertyName("roles")] public List<string>? Roles { get; init; }
    [JsonPropertyName("custom_fields")] public Dictionary<string, string>? CustomFields { get; init; }
    [JsonPropertyName("organization_id")] public string? OrganizationId { get; init; }
    [JsonPropertyName("client_id")] public string? ClientId { get; init; }
    [JsonPropertyName("invite_template_key")] public string? TemplateKey { get; init; }
    /// <summary>The recipient's locale; when absent, the request's <c>Accept-Language</c> (cidaas).</summary>
    [JsonPropertyName("lang")] public string? Lang { get; init; }
    [JsonPropertyName("time_zone")] public string? TimeZone { get; init; }
    /// <summary>ISO-8601 duration, for example <c>P7D</c>.</summary>
    [JsonPropertyName("lifetime")] public string? Lifetime { get; init; }
    [JsonPropertyName("redirect_link")] public string? RedirectLink { get; init; }
    [JsonPropertyName("link_target")] public string? LinkTarget { get; init; }
    /// <summary><c>email</c> or <c>sms</c>.</summary>
    [JsonPropertyName("channel")] public string? Channel { get; init; }
    [JsonPropertyName("allow_same_email")] public bool? AllowSameEmail { get; init; }
    /// <summary>Create without sending and return the link (PingOne's <c>skipSend</c>).</summary>
    [JsonPropertyName("skip_send")] public bool SkipSend { get; init; }
    /// <summary>Also accepted as the <c>Idempotency-Key</c> header.</summary>
    [JsonPropertyName("idempotency_key")] public string? IdempotencyKey { get; init; }
    [JsonPropertyName("branding")] public BrandingBody? Branding { get; init; }
}
