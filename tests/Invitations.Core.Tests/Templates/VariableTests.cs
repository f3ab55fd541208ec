using Invitations.Templates;

namespace Invitations.Core.Tests.Templates;

public class VariableTests
{
    private const string AllVariables =
        "name={{ name }}|given_name={{ given_name }}|family_name={{ family_name }}|invite_link={{ invite_link }}"
        + "|invited_by={{ invited_by }}|account_name={{ account_name }}|expires_at={{ expires_at }}|locale={{ locale }}"
        + "|department={{ custom_fields.department }}|from_name={{ from_name }}|subject={{ subject }}|title_text={{ title_text }}"
        + "|body_text={{ body_text }}|support_text={{ support_text }}|activation_button_text={{ activation_button_text }}"
        + "|header_image={{ header_image }}|footer_text={{ footer_text }}|footer_logo_image={{ footer_logo_image }}";

    [Fact]
    public void Every_variable_is_rendered()
    {
        var model = TemplateTestData.Model(branding: new InvitationBranding
        {
            FromName = "Acme Team",
            Subject = "Branded",
            TitleText = "Title",
            BodyText = "Body",
            SupportText = "Support",
            ActivationButtonText = "Go",
            HeaderImage = "https://cdn.example.com/h.png",
            FooterText = "Footer",
            FooterLogoImage = "https://cdn.example.com/f.png",
        });

        var rendered = TemplateTestData.RenderSource(null, null, AllVariables, model, MessageChannel.Sms, new TemplateLimits { MaxSmsLength = 2000 });

        rendered.Text.Should().Be(
            "name=Ada Lovelace|given_name=Ada|family_name=Lovelace|invite_link=" + TemplateTestData.Link
            + "|invited_by=Grace Hopper|account_name=Acme|expires_at=March 5, 2026 14:30 (UTC)|locale=en"
            + "|department=R&D|from_name=Acme Team|subject=Branded|title_text=Title"
            + "|body_text=Body|support_text=Support|activation_button_text=Go"
            + "|header_image=https://cdn.example.com/h.png|footer_text=Footer|footer_logo_image=https://cdn.example.com/f.png");
    }

    [Fact]
    public void Missing_values_render_empty_and_are_falsy()
    {
        var model = new TemplateModel { InviteLink = TemplateTestData.Link };

        var rendered = TemplateTestData.RenderSource(
            null, null, "[{{ given_name }}][{{ title_text }}][{% if header_image %}img{% endif %}][{{ footer_text | default: 'fallback' }}]",
            model, MessageChannel.Sms);

        rendered.Text.Should().Be("[][][][fallback]");
    }

    [Theory]
    [InlineData("Ada", "Lovelace", "Ada Lovelace")]
    [InlineData("Ada", null, "Ada")]
    [InlineData(null, "Lovelace", "Lovelace")]
    [InlineData(" ", null, "ada@example.com")]
    [InlineData(null, null, "ada@example.com")]
    public void Name_combines_given_and_family_name_or_falls_back_to_the_address(string? given, string? family, string expected)
    {
        TemplateTestData.Model(givenName: given, familyName: family).Name.Should().Be(expected);
    }

    [Fact]
    public void Built_in_email_uses_branding_when_given()
    {
        var model = TemplateTestData.Model(branding: new InvitationBranding
        {
            TitleText = "Welcome aboard",
            BodyText = "We are glad.",
            SupportText = "Questions? help@acme.test",
            ActivationButtonText = "Join now",
            HeaderImage = "https://cdn.example.com/h.png",
            FooterText = "Acme Inc.",
            FooterLogoImage = "https://cdn.example.com/f.png",
        });

        var rendered = TemplateTestData.Render(TemplateTestData.Catalog(), model);

        rendered.Html.Should().Contain("<img src=\"https://cdn.example.com/h.png\"")
            .And.Contain(">Welcome aboard</h1>")
            .And.Contain("We are glad.")
            .And.Contain(">Join now</a>")
            .And.Contain("Questions? help@acme.test")
            .And.Contain("<img src=\"https://cdn.example.com/f.png\"")
            .And.Contain("Acme Inc.")
            .And.Contain("March 5, 2026 14:30 (UTC)");
        rendered.Text.Should().Contain("Join now:\n" + TemplateTestData.Link)
            .And.Contain("We are glad.")
            .And.Contain("Acme Inc.");
    }

    [Fact]
    public void Built_in_email_ignores_non_https_images()
    {
        var model = TemplateTestData.Model(branding: new InvitationBranding
        {
            HeaderImage = "javascript:alert(1)",
            FooterLogoImage = "http://cdn.example.com/f.png",
        });

        var rendered = TemplateTestData.Render(TemplateTestData.Catalog(), model);

        rendered.Html.Should().NotContain("<img").And.NotContain("javascript:");
    }

    [Fact]
    public void Built_in_email_defaults_without_branding()
    {
        var rendered = TemplateTestData.Render(TemplateTestData.Catalog(), TemplateTestData.Model(), locale: "de");

        rendered.Subject.Should().Be("Grace Hopper hat Sie zu Acme eingeladen");
        rendered.Html.Should().Contain(">Einladung annehmen</a>").And.Contain(">Sie wurden eingeladen</h1>").And.NotContain("<img");
        rendered.Text.Should().StartWith("Hallo Ada Lovelace,\n\nGrace Hopper hat Sie zu Acme eingeladen.\n");
    }

    [Theory]
    [InlineData(null, "Acme", "You're invited to join Acme")]
    [InlineData("Grace", null, "Grace invited you")]
    [InlineData(null, null, "You're invited")]
    public void Built_in_subject_is_sensible_without_inviter_or_account(string? invitedBy, string? account, string expected)
    {
        var rendered = TemplateTestData.Render(TemplateTestData.Catalog(), TemplateTestData.Model(invitedBy: invitedBy, accountName: account));

        rendered.Subject.Should().Be(expected);
    }
}
