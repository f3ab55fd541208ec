using System.Collections.ObjectModel;
using NodaTime;

namespace Invitations;

/// <summary>
/// The public view of an invitation carried in facts (<c>old_value</c>/<c>new_value</c>) and returned
/// to callers. It never contains a token, a token hash or a password.
/// </summary>
public sealed record InvitationSnapshot
{
    /// <summary>
    /// Projects a stored record to its public view: the one projection every caller uses (services, facts, adapters).
    /// Nothing secret crosses: no token digest, no idempotency fingerprint.
    /// </summary>
    /// <param name="d">The stored record.</param>
    /// <param name="effectiveState">The state at the moment of the snapshot (a pending record past its expiry is expired).</param>
    /// <returns>The snapshot.</returns>
    public static InvitationSnapshot From(InvitationData d, InvitationState effectiveState)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new()
        {
            Id = d.Id,
            State = effectiveState,
            Channel = d.Channel,
            Email = d.Email,
            MobileNumber = d.MobileNumber,
            GivenName = d.GivenName,
            FamilyName = d.FamilyName,
            Groups = d.Groups,
            Roles = d.Roles,
            CustomFields = d.CustomFields,
            OrganizationId = d.OrganizationId,
            InvitedBy = d.InvitedById,
            ClientId = d.ClientId,
            TemplateKey = d.TemplateKey,
            Locale = d.Locale,
            Version = d.Version,
            SendCount = d.SendCount,
            CreatedAt = d.CreatedAt,
            UpdatedAt = d.UpdatedAt,
            ExpiresAt = d.ExpiresAt,
            AcceptedSubjectId = d.AcceptedSubjectId,
        };
    }

    /// <summary>The invitation id (<c>_id</c>).</summary>
    public required InvitationId Id { get; init; }

    /// <summary>The effective state at the moment of the snapshot.</summary>
    public required InvitationState State { get; init; }

    /// <summary>The delivery channel.</summary>
    public required MessageChannel Channel { get; init; }

    /// <summary>The invited e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>The invited mobile number (E.164).</summary>
    public string? MobileNumber { get; init; }

    /// <summary>The given name.</summary>
    public string? GivenName { get; init; }

    /// <summary>The family name.</summary>
    public string? FamilyName { get; init; }

    /// <summary>Groups granted on acceptance.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Roles granted on acceptance.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Custom fields applied on acceptance.</summary>
    public IReadOnlyDictionary<string, string> CustomFields { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The organization (tenant), if any.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>The inviter's id.</summary>
    public required string InvitedBy { get; init; }

    /// <summary>The client the invitee registers for.</summary>
    public string? ClientId { get; init; }

    /// <summary>The template key.</summary>
    public required string TemplateKey { get; init; }

    /// <summary>The locale.</summary>
    public string? Locale { get; init; }

    /// <summary>The optimistic-concurrency version.</summary>
    public required long Version { get; init; }

    /// <summary>How many messages were queued.</summary>
    public int SendCount { get; init; }

    /// <summary>When the invitation was created.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When the invitation last changed.</summary>
    public required Instant UpdatedAt { get; init; }

    /// <summary>When the current link expires.</summary>
    public required Instant ExpiresAt { get; init; }

    /// <summary>The account subject id after acceptance.</summary>
    public string? AcceptedSubjectId { get; init; }
}
