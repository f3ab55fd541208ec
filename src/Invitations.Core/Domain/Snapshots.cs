using NodaTime;

namespace Invitations.Domain;

/// <summary>Projects stored data to the public snapshot (no token hash, effective state).</summary>
internal static class Snapshots
{
    public static InvitationSnapshot ToSnapshot(this InvitationData d, Instant now) => new()
    {
        Id = d.Id,
        State = InvitationStateMachine.EffectiveState(d, now),
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
