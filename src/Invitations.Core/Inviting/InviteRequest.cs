using NodaTime;

namespace Invitations;

/// <summary>
/// A request to invite one person (the union of the cidaas, OneLogin, PingOne and SailPoint request
/// fields). Give <see cref="Email"/> or <see cref="MobileNumber"/>; everything else is optional.
/// </summary>
public sealed record InviteRequest
{
    /// <summary>The acting inviter. Required.</summary>
    public required InvitationActor Inviter { get; init; }

    /// <summary>The e-mail address to invite (the identity's address; registration pre-fills it).</summary>
    public string? Email { get; init; }

    /// <summary>The mobile number to invite by SMS (international or, with a default region, national format; stored as E.164).</summary>
    public string? MobileNumber { get; init; }

    /// <summary>Send the e-mail to this personal/alternate address instead (OneLogin <c>personal_email</c>, PingOne <c>alternateEmail</c>).</summary>
    public string? PersonalEmail { get; init; }

    /// <summary>Force the channel; by default e-mail when an address is given, otherwise SMS.</summary>
    public MessageChannel? Channel { get; init; }

    /// <summary>The given name (pre-fills registration; <c>{{ given_name }}</c>).</summary>
    public string? GivenName { get; init; }

    /// <summary>The family name.</summary>
    public string? FamilyName { get; init; }

    /// <summary>Groups to grant on acceptance.</summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>Roles to grant on acceptance.</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>Custom fields to pre-fill and apply on acceptance (keys: letters, digits, <c>_ . -</c>, at most 64 chars).</summary>
    public IReadOnlyDictionary<string, string>? CustomFields { get; init; }

    /// <summary>The organization (tenant); invitations are unique per organization and recipient.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>The client to register for (a key of <see cref="InvitationLinkOptions.Clients"/>); default: the default client.</summary>
    public string? ClientId { get; init; }

    /// <summary>The link target; must equal the client's login URI or one of its allowed link targets exactly. Default: the login URI.</summary>
    public string? LinkTarget { get; init; }

    /// <summary>Where to send the invitee after registering (PingOne <c>redirectLink</c>); must be allow-listed exactly.</summary>
    public string? RedirectLink { get; init; }

    /// <summary>The template key (cidaas <c>invite_template_key</c>). Default: <c>INVITE_USER</c>.</summary>
    public string? TemplateKey { get; init; }

    /// <summary>The recipient's locale (cidaas <c>lang</c>), for example <c>de-CH</c>. Default: the configured default locale.</summary>
    public string? Locale { get; init; }

    /// <summary>The recipient's IANA time zone for formatting the expiry. Default: the configured default time zone.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The invitation's lifetime; must lie within the configured bounds. Default: the configured default (7 days).</summary>
    public Duration? Lifetime { get; init; }

    /// <summary>Per-request message branding (PingOne fields).</summary>
    public InvitationBranding? Branding { get; init; }

    /// <summary>Return the link without sending anything (PingOne <c>skipSend</c>). Default: false.</summary>
    public bool SkipSend { get; init; }

    /// <summary>Whether acceptance must use the invited e-mail (cidaas <c>allow_same_email</c>). Default: the configured default.</summary>
    public bool? AllowSameEmailOnly { get; init; }

    /// <summary>An idempotency key (at most 255 printable ASCII characters), scoped to the inviter: a retry with the same key and payload returns the first result.</summary>
    public string? IdempotencyKey { get; init; }
}
