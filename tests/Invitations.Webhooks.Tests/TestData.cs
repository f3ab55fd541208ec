using NodaTime;

namespace Invitations.Webhooks.Tests;

internal static class TestData
{
    public static InvitationFact Fact(string type = FactTypes.InviteUser)
    {
        var invitationId = new InvitationId(Guid.NewGuid());
        var at = Instant.FromUtc(2026, 11, 24, 2, 0);
        return new InvitationFact
        {
            Id = new FactId(Guid.NewGuid()),
            Type = type,
            ObjectId = invitationId,
            Sequence = 1,
            OccurredAt = at,
            Attributes = new Dictionary<string, string> { ["_id"] = invitationId.ToString() },
            NewValue = new InvitationSnapshot
            {
                Id = invitationId,
                State = InvitationState.Initiated,
                Channel = MessageChannel.Email,
                Email = "zoe@example.com",
                GivenName = "Zoë 😀",
                FamilyName = "O'Brien",
                InvitedBy = "admin-1",
                TemplateKey = "INVITE_USER",
                Version = 1,
                SendCount = 1,
                CreatedAt = at,
                UpdatedAt = at,
                ExpiresAt = at + Duration.FromDays(7),
            },
        };
    }
}
