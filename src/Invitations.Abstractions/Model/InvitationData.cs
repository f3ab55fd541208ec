using System.Collections.ObjectModel;
using NodaTime;

namespace Invitations;

/// <summary>
/// The persisted form of one invitation: what an <see cref="IInvitationStore"/> saves and returns.
/// Stores treat it as data and never apply rules to it; the rules live in Invitations.Core.
/// It never holds a raw token, only <see cref="TokenHash"/>.
/// </summary>
public sealed record InvitationData
{
    /// <summary>The invitation's id.</summary>
    public required InvitationId Id { get; init; }

    /// <summary>The optimistic-concurrency version: 1 when created, incremented by every saved change.</summary>
    public required long Version { get; init; }

    /// <summary>The persisted state. The effective state also depends on <see cref="ExpiresAt"/>.</summary>
    public required InvitationState State { get; init; }

    /// <summary>The channel the invitation is delivered through.</summary>
    public required MessageChannel Channel { get; init; }

    /// <summary>The invited identity's normalized e-mail address (registration must use it when <see cref="AllowSameEmailOnly"/>).</summary>
    public string? Email { get; init; }

    /// <summary>The invited identity's mobile number in E.164 form (for example <c>+4915112345678</c>).</summary>
    public string? MobileNumber { get; init; }

    /// <summary>
    /// Where messages go: the personal/alternate e-mail when one was given (OneLogin <c>personal_email</c>,
    /// PingOne <c>alternateEmail</c>), otherwise <see cref="Email"/> or <see cref="MobileNumber"/>.
    /// Always normalized; the sender receives exactly this string.
    /// </summary>
    public required string DeliveryAddress { get; init; }

    /// <summary>
    /// The uniqueness key of a pending invitation: organization, channel and normalized identity address.
    /// A store must refuse a second pending (<see cref="InvitationState.Initiated"/> or
    /// <see cref="InvitationState.Reinitiated"/>) invitation with the same key.
    /// </summary>
    public required string RecipientKey { get; init; }

    /// <summary>The given name that pre-fills registration.</summary>
    public string? GivenName { get; init; }

    /// <summary>The family name that pre-fills registration.</summary>
    public string? FamilyName { get; init; }

    /// <summary>Groups to grant on acceptance.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Roles to grant on acceptance.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Custom field values that pre-fill registration and are applied on acceptance.</summary>
    public IReadOnlyDictionary<string, string> CustomFields { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The organization (tenant) the invitation belongs to, for multi-tenant hosts.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>The id of the acting inviter.</summary>
    public required string InvitedById { get; init; }

    /// <summary>The display name of the inviter (<c>{{ invited_by }}</c>).</summary>
    public string? InvitedByName { get; init; }

    /// <summary>The client (application) the invitee registers for.</summary>
    public string? ClientId { get; init; }

    /// <summary>The allow-listed URL the invitee is sent to after completing registration (PingOne <c>redirectLink</c>).</summary>
    public string? RedirectLink { get; init; }

    /// <summary>The allow-listed URL the invitation link points at (cidaas <c>initiate_login_uri</c>).</summary>
    public required string LinkTarget { get; init; }

    /// <summary>The template key (default <c>INVITE_USER</c>).</summary>
    public required string TemplateKey { get; init; }

    /// <summary>The recipient's locale (cidaas <c>lang</c>), for example <c>de-CH</c>.</summary>
    public string? Locale { get; init; }

    /// <summary>The recipient's IANA time zone, used to format <c>expires_at</c> in messages.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Whether acceptance must use the invited e-mail address (cidaas <c>allow_same_email</c>).</summary>
    public bool AllowSameEmailOnly { get; init; }

    /// <summary>Per-request message branding, if any.</summary>
    public InvitationBranding? Branding { get; init; }

    /// <summary>
    /// SHA-256 of the current token (32 bytes), or null once the invitation is no longer pending.
    /// Stores index it uniquely and look invitations up by it.
    /// </summary>
    public byte[]? TokenHash { get; init; }

    /// <summary>When the invitation was created.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When the invitation last changed.</summary>
    public required Instant UpdatedAt { get; init; }

    /// <summary>When the current link stops working. The token is valid while <c>now &lt; ExpiresAt</c>.</summary>
    public required Instant ExpiresAt { get; init; }

    /// <summary>How many times a message was queued: 1 after the first send, +1 per resend. 0 when <c>skipSend</c>.</summary>
    public int SendCount { get; init; }

    /// <summary>How many resends happened (0 after creation).</summary>
    public int ResendCount { get; init; }

    /// <summary>When a message was last queued, if ever.</summary>
    public Instant? LastSentAt { get; init; }

    /// <summary>When the invitation reached a terminal state.</summary>
    public Instant? ClosedAt { get; init; }

    /// <summary>The subject id (<c>sub</c>) of the account created on acceptance.</summary>
    public string? AcceptedSubjectId { get; init; }

    /// <summary>The caller-supplied idempotency key, already scoped to its caller; unique per store.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>A fingerprint of the request that used <see cref="IdempotencyKey"/>, to detect reuse with a different payload.</summary>
    public string? IdempotencyFingerprint { get; init; }

    /// <summary>The sequence number of the last fact emitted for this invitation (0 before the first).</summary>
    public long FactSequence { get; init; }

    /// <summary>
    /// How many moments of the reminder schedule had passed when the last reminder was sent, counted since the invitation
    /// was last sent or resent (a resend starts again at 0). One reminder covers every moment passed so far.
    /// </summary>
    public int ReminderCount { get; init; }

    /// <summary>
    /// Whether the invitee already had an account outside the invitation's organization when invited
    /// (<see cref="DirectoryStatus.RegisteredElsewhere"/>): links then point at sign-in (<c>view_type=login</c>), not registration.
    /// </summary>
    public bool HasExistingAccount { get; init; }
}
