using NodaTime;

namespace Invitations.Testing;

/// <summary>
/// Builders for outbox items in store tests: a fact item and a message item for an invitation, with every
/// field an adapter must round-trip. The conformance suite uses them; adapter tests may too.
/// </summary>
public static class OutboxTestData
{
    /// <summary>Builds a fact outbox item for <paramref name="invitation"/>.</summary>
    /// <param name="invitation">The invitation.</param>
    /// <param name="sequence">The fact's sequence.</param>
    /// <param name="at">When it happened and is due (default: the invitation's UpdatedAt).</param>
    /// <param name="type">The fact type.</param>
    /// <returns>The item.</returns>
    public static OutboxItem FactItem(InvitationData invitation, long sequence, Instant? at = null, string type = FactTypes.InviteUser)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var when = at ?? invitation.UpdatedAt;
        return new OutboxItem
        {
            Id = new OutboxItemId(Guid.NewGuid()),
            InvitationId = invitation.Id,
            Kind = OutboxItemKind.Fact,
            Sequence = sequence,
            Fact = new InvitationFact
            {
                Id = new FactId(Guid.NewGuid()),
                Type = type,
                ObjectId = invitation.Id,
                Sequence = sequence,
                OccurredAt = when,
                Attributes = new Dictionary<string, string> { ["_id"] = invitation.Id.ToString() },
                NewValue = new InvitationSnapshot
                {
                    Id = invitation.Id,
                    State = invitation.State,
                    Channel = invitation.Channel,
                    Email = invitation.Email,
                    InvitedBy = invitation.InvitedById,
                    TemplateKey = invitation.TemplateKey,
                    Version = invitation.Version,
                    CreatedAt = invitation.CreatedAt,
                    UpdatedAt = invitation.UpdatedAt,
                    ExpiresAt = invitation.ExpiresAt,
                    Groups = invitation.Groups,
                },
            },
            CreatedAt = when,
            DueAt = when,
        };
    }

    /// <summary>Builds a message outbox item for <paramref name="invitation"/>.</summary>
    /// <param name="invitation">The invitation.</param>
    /// <param name="sequence">The message's sequence.</param>
    /// <param name="at">When it is saved and due (default: the invitation's UpdatedAt).</param>
    /// <returns>The item.</returns>
    public static OutboxItem MessageItem(InvitationData invitation, long sequence, Instant? at = null)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var when = at ?? invitation.UpdatedAt;
        return new OutboxItem
        {
            Id = new OutboxItemId(Guid.NewGuid()),
            InvitationId = invitation.Id,
            Kind = OutboxItemKind.Message,
            Sequence = sequence,
            Message = new OutgoingMessage
            {
                MessageId = $"{invitation.Id}.{sequence}",
                InvitationId = invitation.Id,
                Channel = MessageChannel.Email,
                To = invitation.DeliveryAddress,
                ToName = "Ada Lovelace",
                FromName = "Acme",
                Subject = "You are invited",
                HtmlBody = "<a href=\"https://app.example.com/login?token=SECRET\">Join</a>",
                TextBody = "Join: https://app.example.com/login?token=SECRET",
                Locale = "de",
                TemplateKey = "INVITE_USER",
                Headers = new Dictionary<string, string> { ["X-Campaign"] = "spring" },
            },
            CreatedAt = when,
            DueAt = when,
        };
    }
}
