using NodaTime;

namespace Invitations.EntityFrameworkCore;

/// <summary>The table row of one invitation (mapped by <see cref="InvitationsModelBuilderExtensions.ApplyInvitationsModel"/>).</summary>
internal sealed class InvitationRow
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public int State { get; set; }

    public int Channel { get; set; }

    public string? Email { get; set; }

    public string? MobileNumber { get; set; }

    public string DeliveryAddress { get; set; } = "";

    public string RecipientKey { get; set; } = "";

    /// <summary>Equals <see cref="RecipientKey"/> while the stored state is pending, otherwise null; unique.</summary>
    public string? PendingRecipientKey { get; set; }

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string Groups { get; set; } = "[]";

    public string Roles { get; set; } = "[]";

    public string CustomFields { get; set; } = "{}";

    public string? OrganizationId { get; set; }

    public string InvitedById { get; set; } = "";

    public string? InvitedByName { get; set; }

    public string? ClientId { get; set; }

    public string? RedirectLink { get; set; }

    public string LinkTarget { get; set; } = "";

    public string TemplateKey { get; set; } = "";

    public string? Locale { get; set; }

    public string? TimeZone { get; set; }

    public bool AllowSameEmailOnly { get; set; }

    public string? Branding { get; set; }

    public byte[]? TokenHash { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant UpdatedAt { get; set; }

    public Instant ExpiresAt { get; set; }

    public int SendCount { get; set; }

    public int ResendCount { get; set; }

    public Instant? LastSentAt { get; set; }

    public Instant? ClosedAt { get; set; }

    public string? AcceptedSubjectId { get; set; }

    public string? IdempotencyKey { get; set; }

    public string? IdempotencyFingerprint { get; set; }

    public long FactSequence { get; set; }
}

/// <summary>The table row of one outbox item.</summary>
internal sealed class OutboxRow
{
    public Guid Id { get; set; }

    public Guid InvitationId { get; set; }

    public int Kind { get; set; }

    /// <summary>The receiver lane of a fact row when the host has several (<see cref="Invitations.OutboxItem.Lane"/>); empty otherwise.</summary>
    public string Lane { get; set; } = "";

    public long Sequence { get; set; }

    /// <summary>The fact or message as JSON (<see cref="Invitations.InvitationJson"/>); null once a message's body is dropped.</summary>
    public string? Payload { get; set; }

    public int Status { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant DueAt { get; set; }

    public int Attempts { get; set; }

    public string? LeaseOwner { get; set; }

    public Instant? LeaseExpiresAt { get; set; }

    public string? LastError { get; set; }

    public Instant? CompletedAt { get; set; }
}
