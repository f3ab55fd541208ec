using Invitations.Templates;
using NodaTime;

namespace Invitations.Core.Tests.Templates;

public class ExpiryFormatTests
{
    private static readonly Instant Expiry = Instant.FromUtc(2026, 3, 5, 14, 30);

    [Fact]
    public void English_expiry_is_formatted_in_utc()
    {
        TemplateModel.FormatExpiry(Expiry, "en", null).Should().Be("March 5, 2026 14:30 (UTC)");
    }

    [Fact]
    public void German_expiry_is_formatted_in_the_recipients_time_zone()
    {
        TemplateModel.FormatExpiry(Expiry, "de", "Europe/Berlin").Should().Be("5. März 2026 15:30 (Europe/Berlin)");
    }

    [Fact]
    public void Summer_time_is_applied()
    {
        var summer = Instant.FromUtc(2026, 7, 1, 12, 0);

        TemplateModel.FormatExpiry(summer, "de-CH", "Europe/Zurich").Should().Be("1. Juli 2026 14:00 (Europe/Zurich)");
        TemplateModel.FormatExpiry(summer, "en-US", "America/New_York").Should().Be("July 1, 2026 08:00 (America/New_York)");
    }

    [Fact]
    public void Unknown_time_zone_falls_back_to_utc()
    {
        TemplateModel.FormatExpiry(Expiry, "en", "Mars/Olympus_Mons").Should().Be("March 5, 2026 14:30 (UTC)");
    }

    [Theory]
    [InlineData("xx-not-a-locale")]
    [InlineData("!!")]
    [InlineData(null)]
    public void Unknown_locale_falls_back_to_the_invariant_culture(string? locale)
    {
        TemplateModel.FormatExpiry(Expiry, locale, "UTC").Should().Be("05 March 2026 14:30 (UTC)");
    }

    [Fact]
    public void Model_from_invitation_formats_expiry_and_name()
    {
        var now = Instant.FromUtc(2026, 3, 1, 0, 0);
        var invitation = new InvitationData
        {
            Id = new InvitationId(Guid.NewGuid()),
            Version = 1,
            State = InvitationState.Initiated,
            Channel = MessageChannel.Email,
            DeliveryAddress = "ada@example.com",
            RecipientKey = "k",
            InvitedById = "u1",
            InvitedByName = "Grace",
            LinkTarget = "https://app.example.com/accept",
            TemplateKey = "INVITE_USER",
            Locale = "de",
            TimeZone = "Europe/Berlin",
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = Expiry,
        };

        var model = TemplateModel.Create(invitation, TemplateTestData.Link, "Acme");

        model.ExpiresAt.Should().Be("5. März 2026 15:30 (Europe/Berlin)");
        model.Name.Should().Be("ada@example.com");
        model.InvitedBy.Should().Be("Grace");
        model.AccountName.Should().Be("Acme");
    }
}
