using Invitations.Templates;

namespace Invitations.Core.Tests.Templates;

public class SubjectAndTextTests
{
    public static TheoryData<string> LineBreaks => new() { "\r", "\n", "\r\n", "\0", "\u0085", "\u2028", "\u2029", "\t" };

    [Theory]
    [MemberData(nameof(LineBreaks))]
    public void Line_break_in_given_name_never_reaches_the_subject(string lineBreak)
    {
        var rendered = TemplateTestData.RenderSource(
            "Welcome {{ given_name }}!", "<p></p>", "t",
            TemplateTestData.Model(givenName: "Ada" + lineBreak + "Bcc: evil@example.com"));

        rendered.Subject.Should().Be("Welcome Ada Bcc: evil@example.com!");
        rendered.Subject.Should().NotContainAny("\r", "\n", "\0", "\u0085", "\u2028", "\u2029", "\t");
    }

    [Theory]
    [MemberData(nameof(LineBreaks))]
    public void Line_break_in_branding_subject_never_reaches_the_subject(string lineBreak)
    {
        var model = TemplateTestData.Model(branding: new InvitationBranding { Subject = "  Join" + lineBreak + lineBreak + "us  " });

        var rendered = TemplateTestData.Render(TemplateTestData.Catalog(), model);

        rendered.Subject.Should().Be("Join us");
    }

    [Fact]
    public void Branding_subject_replaces_the_template_subject()
    {
        var model = TemplateTestData.Model(branding: new InvitationBranding { Subject = "Your <Acme> account" });

        var rendered = TemplateTestData.Render(TemplateTestData.Catalog(), model);

        rendered.Subject.Should().Be("Your <Acme> account", "subjects are not HTML-encoded");
    }

    [Fact]
    public void Subject_template_line_breaks_are_collapsed_and_trimmed()
    {
        var rendered = TemplateTestData.RenderSource("\n  Hello\n\n{{ name }}  \n", "<p></p>", "t", TemplateTestData.Model());

        rendered.Subject.Should().Be("Hello Ada Lovelace");
    }

    [Fact]
    public void Text_body_strips_control_characters_but_keeps_line_feeds()
    {
        var model = TemplateTestData.Model(givenName: "A\u0000d\u0007a\u001b[31m", familyName: null, accountName: "Ac\r\nme\u2028X");

        var rendered = TemplateTestData.RenderSource("s", null, "Hi {{ name }}\r\nat {{ account_name }}\tend", model);

        rendered.Text.Should().Be("Hi Ada[31m\nat Ac\nme\nXend");
        rendered.Html.Should().BeNull();
    }

    [Fact]
    public void Sms_strips_control_characters()
    {
        var rendered = TemplateTestData.RenderSource(
            null, null, "{{ invited_by }}: {{ invite_link }}", TemplateTestData.Model(invitedBy: "Gr\u0000ace\u0085"), MessageChannel.Sms);

        rendered.Text.Should().Be("Grace: " + TemplateTestData.Link);
        rendered.Subject.Should().BeEmpty();
        rendered.Html.Should().BeNull();
    }

    [Fact]
    public void A_multi_line_value_after_indentation_is_written_as_it_is()
    {
        // Scriban re-indented the later lines of such a value (AutoIndent); a value is written as it is.
        var model = TemplateTestData.Model(branding: new InvitationBranding { BodyText = "first\nsecond" });

        var bare = TemplateTestData.RenderSource("S", null, "  {{ body_text }}", model);
        var filtered = TemplateTestData.RenderSource("S", null, "  {{ body_text | default: 'x' }}", model);

        bare.Text.Should().Be("  first\nsecond");
        filtered.Text.Should().Be(bare.Text);
    }
}
