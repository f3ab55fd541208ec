using NodaTime;

namespace Invitations.EntityFrameworkCore.Tests;

/// <summary>Invitations for the EF Core store tests that write rows directly (durability, erasure).</summary>
internal static class EfTestData
{
    /// <summary>The instant these tests run at.</summary>
    public static readonly Instant T = Instant.FromUtc(2031, 5, 1, 9, 0);

    /// <summary>A pending e-mail invitation (version 1, sent once) created at <see cref="T"/>.</summary>
    public static InvitationData Invitation(string email, string? delivery = null) => new()
    {
        Id = new InvitationId(Guid.NewGuid()),
        Version = 1,
        State = InvitationState.Initiated,
        Channel = MessageChannel.Email,
        Email = email,
        DeliveryAddress = delivery ?? email,
        RecipientKey = $"|email|{email}",
        InvitedById = "admin",
        LinkTarget = "https://app.example.com/login",
        TemplateKey = "INVITE_USER",
        TokenHash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
        CreatedAt = T,
        UpdatedAt = T,
        ExpiresAt = T + Duration.FromDays(7),
        SendCount = 1,
        FactSequence = 1,
    };
}
