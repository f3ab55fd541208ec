using Invitations.Templates;

namespace Invitations.Core.Tests.Templates;

public class SmsTests
{
    [Fact]
    public void Long_sms_is_cut_without_breaking_the_link()
    {
        var model = TemplateTestData.Model(invitedBy: new string('G', 400), accountName: "Acme");

        var rendered = TemplateTestData.Render(TemplateTestData.Catalog(), model, channel: MessageChannel.Sms);

        rendered.Text.Length.Should().BeLessThanOrEqualTo(320);
        rendered.Text.Should().Contain(TemplateTestData.Link);
        rendered.Text.Should().EndWith(TemplateTestData.Link);
    }

    [Fact]
    public void Text_after_the_link_is_cut_first()
    {
        var source = "Join {{ account_name }}: {{ invite_link }} " + new string('x', 400);

        var rendered = TemplateTestData.RenderSource(null, null, source, TemplateTestData.Model(), MessageChannel.Sms);

        rendered.Text.Should().StartWith("Join Acme: " + TemplateTestData.Link + " x");
        rendered.Text.Length.Should().BeLessThanOrEqualTo(320);
    }

    [Fact]
    public void Configured_sms_length_is_applied()
    {
        var limits = new TemplateLimits { MaxSmsLength = 100 };
        var source = "{{ invited_by }} invited you to {{ account_name }}: {{ invite_link }}";
        var model = TemplateTestData.Model(invitedBy: "Grace Hopper of the very long department name", accountName: "Acme Corporation");

        var rendered = TemplateTestData.RenderSource(null, null, source, model, MessageChannel.Sms, limits);

        rendered.Text.Length.Should().BeLessThanOrEqualTo(100);
        rendered.Text.Should().EndWith(" " + TemplateTestData.Link);
        rendered.Text.Should().StartWith("Grace Hopper");
    }

    [Fact]
    public void Link_longer_than_the_limit_is_kept_whole()
    {
        var link = "https://app.example.com/invite/" + new string('t', 400);

        var rendered = TemplateTestData.Render(TemplateTestData.Catalog(), TemplateTestData.Model(link: link), channel: MessageChannel.Sms);

        rendered.Text.Should().Be(link);
    }

    [Fact]
    public void Short_sms_is_unchanged()
    {
        var rendered = TemplateTestData.Render(TemplateTestData.Catalog(), TemplateTestData.Model(), channel: MessageChannel.Sms, locale: "de");

        rendered.Text.Should().Be("Grace Hopper hat Sie zu Acme eingeladen: " + TemplateTestData.Link + "\nGültig bis March 5, 2026 14:30 (UTC)");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(150)]
    [InlineData(250)]
    [InlineData(1000)]
    public void Cap_never_exceeds_the_limit_and_keeps_the_link(int padding)
    {
        var text = new string('a', padding) + " " + TemplateTestData.Link + " " + new string('b', padding);

        var capped = MessageText.CapSms(text, TemplateTestData.Link, 160);

        capped.Length.Should().BeLessThanOrEqualTo(160);
        capped.Should().Contain(TemplateTestData.Link);
    }

    [Fact]
    public void Cap_does_not_split_a_surrogate_pair()
    {
        var text = new string('a', 9) + "😀😀😀 tail";

        var capped = MessageText.CapSms(text, null, 10);

        capped.Should().Be(new string('a', 9));
    }
}
