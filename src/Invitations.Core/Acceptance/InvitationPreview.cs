using System.Collections.ObjectModel;
using NodaTime;

namespace Invitations;

/// <summary>What a registration page pre-fills for the holder of a valid token. Reading it changes nothing.</summary>
public sealed record InvitationPreview
{
    /// <summary>The invitation id.</summary>
    public required InvitationId Id { get; init; }

    /// <summary>The invited e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>The invited mobile number (E.164).</summary>
    public string? MobileNumber { get; init; }

    /// <summary>The given name.</summary>
    public string? GivenName { get; init; }

    /// <summary>The family name.</summary>
    public string? FamilyName { get; init; }

    /// <summary>Custom fields to pre-fill.</summary>
    public IReadOnlyDictionary<string, string> CustomFields { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The organization.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>The client.</summary>
    public string? ClientId { get; init; }

    /// <summary>The inviter's display name.</summary>
    public string? InvitedByName { get; init; }

    /// <summary>The locale.</summary>
    public string? Locale { get; init; }

    /// <summary>Whether registration must use <see cref="Email"/>.</summary>
    public bool AllowSameEmailOnly { get; init; }

    /// <summary>When the link expires.</summary>
    public required Instant ExpiresAt { get; init; }

    /// <summary>
    /// Whether the invitee already has an account outside the organization: the page should ask them to sign in (the
    /// link carries <c>view_type=login</c>) rather than register.
    /// </summary>
    public bool HasExistingAccount { get; init; }
}
