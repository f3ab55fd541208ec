using NodaTime;

namespace Invitations.Inviting;

/// <summary>An invite request after validation and normalization: every value here is safe to store and send.</summary>
internal sealed record ValidatedInvite
{
    public required InvitationActor Inviter { get; init; }
    public required MessageChannel Channel { get; init; }
    public string? Email { get; init; }
    public string? MobileNumber { get; init; }
    public required string DeliveryAddress { get; init; }
    public required string RecipientKey { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public required IReadOnlyList<string> Groups { get; init; }
    public required IReadOnlyList<string> Roles { get; init; }
    public required IReadOnlyDictionary<string, string> CustomFields { get; init; }
    public string? OrganizationId { get; init; }
    public required string ClientId { get; init; }
    public required string LinkTarget { get; init; }
    public string? RedirectLink { get; init; }
    public required string TemplateKey { get; init; }
    public required string Locale { get; init; }
    public required string TimeZone { get; init; }
    public required Duration Lifetime { get; init; }
    public InvitationBranding? Branding { get; init; }
    public bool SkipSend { get; init; }
    public bool AllowSameEmailOnly { get; init; }
    public string? IdempotencyKey { get; init; }
    public string? Fingerprint { get; init; }
}
