using Invitations.Templates;

namespace Invitations.Core.Tests.Templates;

public class TemplateCatalogTests
{
    [Fact]
    public void Syntax_error_is_reported_at_construction_with_key_part_and_line()
    {
        var html = "<p>Hello</p>\n<p>{{ name }}</p>\n<p>{% if name %}unclosed</p>";
        var definition = TemplateDefinition.FromStrings("CRM_INVITE", MessageChannel.Email, "de", "Hi", html, "text");

        var act = () => TemplateTestData.Catalog(definition);

        var error = act.Should().Throw<InvitationTemplateException>().Which;
        error.TemplateKey.Should().Be("CRM_INVITE");
        error.Channel.Should().Be(MessageChannel.Email);
        error.Locale.Should().Be("de");
        error.Part.Should().Be("html");
        error.Line.Should().BeGreaterThan(0);
        error.Column.Should().BeGreaterThan(0);
        error.Message.Should().StartWith("Template 'CRM_INVITE' (email, de, html) has a syntax error at line ");
    }

    [Fact]
    public void Syntax_error_line_points_at_the_broken_line()
    {
        var text = "line one\nline two\nline {{ name | }} three";
        var definition = TemplateDefinition.FromStrings("CRM_INVITE", MessageChannel.Sms, null, null, null, text);

        var act = () => TemplateTestData.Catalog(definition);

        var error = act.Should().Throw<InvitationTemplateException>().Which;
        error.Line.Should().Be(3);
        error.Part.Should().Be("text");
        error.Message.Should().Contain("(sms, default, text)").And.Contain("line 3");
    }

    [Fact]
    public void Source_longer_than_the_limit_is_rejected_at_construction()
    {
        var definition = TemplateDefinition.FromStrings("BIG", MessageChannel.Sms, null, null, null, new string('a', 10_001));

        var act = () => new TemplateCatalog([definition], new TemplateLimits { MaxSourceLength = 10_000 });

        act.Should().Throw<InvitationTemplateException>()
            .Which.Message.Should().Contain("MaxSourceLength").And.Contain("'BIG'");
    }

    [Fact]
    public void Sms_definition_with_a_subject_is_rejected()
    {
        var definition = TemplateDefinition.FromStrings("X", MessageChannel.Sms, null, "subject", null, "text");

        var act = () => TemplateTestData.Catalog(definition);

        act.Should().Throw<InvitationTemplateException>();
    }

    [Fact]
    public void Email_definition_without_a_subject_is_rejected()
    {
        var definition = TemplateDefinition.FromStrings("X", MessageChannel.Email, null, null, "<p></p>", "text");

        var act = () => TemplateTestData.Catalog(definition);

        act.Should().Throw<InvitationTemplateException>().Which.Part.Should().Be("subject");
    }

    [Fact]
    public void Built_in_templates_are_always_present()
    {
        var catalog = TemplateTestData.Catalog();

        catalog.HasTemplate("INVITE_USER", MessageChannel.Email).Should().BeTrue();
        catalog.HasTemplate("INVITE_USER", MessageChannel.Sms).Should().BeTrue();
        catalog.Keys.Should().Contain("INVITE_USER");
        catalog.TryResolve("INVITE_USER", MessageChannel.Email, "de", out var de).Should().BeTrue();
        de.Locale.Should().Be("de");
        catalog.TryResolve("INVITE_USER", MessageChannel.Email, null, out var fallback).Should().BeTrue();
        fallback.Locale.Should().Be("en", "English is the built-in default");
    }

    [Fact]
    public void Unknown_key_does_not_resolve()
    {
        var catalog = TemplateTestData.Catalog();

        catalog.TryResolve("NO_SUCH_KEY", MessageChannel.Email, "en", out _).Should().BeFalse();
        catalog.HasTemplate("NO_SUCH_KEY", MessageChannel.Email).Should().BeFalse();
    }

    [Fact]
    public void Key_without_a_template_for_the_channel_does_not_resolve()
    {
        var catalog = TemplateTestData.Catalog(
            TemplateDefinition.FromStrings("CRM_INVITE", MessageChannel.Email, null, "s", "<p>h</p>", "t"));

        catalog.HasTemplate("CRM_INVITE", MessageChannel.Sms).Should().BeFalse();
        catalog.TryResolve("CRM_INVITE", MessageChannel.Sms, "en", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("de-CH", "de")]
    [InlineData("de_AT", "de")]
    [InlineData("DE", "de")]
    [InlineData("fr", "en")]
    [InlineData("fr-CA", "en")]
    [InlineData(null, "en")]
    [InlineData("en-GB", "en")]
    public void Locale_falls_back_from_region_to_language_to_default(string? requested, string? expected)
    {
        var catalog = TemplateTestData.Catalog();

        catalog.TryResolve("INVITE_USER", MessageChannel.Email, requested, out var template).Should().BeTrue();

        template.Locale.Should().Be(expected);
    }

    [Fact]
    public void Host_default_locale_template_wins_over_en_for_unknown_locales()
    {
        var catalog = TemplateTestData.Catalog(
            TemplateDefinition.FromStrings("INVITE_USER", MessageChannel.Sms, null, null, null, "default {{ invite_link }}"));

        catalog.TryResolve("INVITE_USER", MessageChannel.Sms, "fr", out var fr).Should().BeTrue();
        catalog.TryResolve("INVITE_USER", MessageChannel.Sms, "de-CH", out var de).Should().BeTrue();

        fr.Locale.Should().BeNull();
        de.Locale.Should().Be("de");
    }

    [Fact]
    public void Host_en_template_also_replaces_the_default()
    {
        var catalog = TemplateTestData.Catalog(
            TemplateDefinition.FromStrings("INVITE_USER", MessageChannel.Sms, "en", null, null, "host {{ invite_link }}"));

        var rendered = TemplateTestData.Render(catalog, TemplateTestData.Model(), channel: MessageChannel.Sms, locale: "fr");

        rendered.Text.Should().Be("host " + TemplateTestData.Link);
    }

    [Fact]
    public void Locale_falls_back_to_en_when_the_key_has_no_default_locale()
    {
        var catalog = TemplateTestData.Catalog(
            TemplateDefinition.FromStrings("CRM_INVITE", MessageChannel.Sms, "en", null, null, "en"),
            TemplateDefinition.FromStrings("CRM_INVITE", MessageChannel.Sms, "de", null, null, "de"));

        catalog.TryResolve("CRM_INVITE", MessageChannel.Sms, "fr", out var template).Should().BeTrue();

        template.Locale.Should().Be("en");
    }

    [Fact]
    public void Exact_regional_template_wins_over_language()
    {
        var catalog = TemplateTestData.Catalog(
            TemplateDefinition.FromStrings("INVITE_USER", MessageChannel.Sms, "de-CH", null, null, "Grüezi {{ invite_link }}"));

        catalog.TryResolve("INVITE_USER", MessageChannel.Sms, "de-ch", out var template).Should().BeTrue();

        template.Locale.Should().Be("de-CH");
    }

    [Fact]
    public void Host_definition_replaces_the_built_in_template()
    {
        var catalog = TemplateTestData.Catalog(
            TemplateDefinition.FromStrings("INVITE_USER", MessageChannel.Email, "de", "Custom {{ account_name }}", "<p>Custom</p>", "Custom text"));

        var rendered = TemplateTestData.Render(catalog, TemplateTestData.Model(), locale: "de");

        rendered.Subject.Should().Be("Custom Acme");
        rendered.Html.Should().Be("<p>Custom</p>");
        rendered.Text.Should().Be("Custom text");
        TemplateTestData.Render(catalog, TemplateTestData.Model(), locale: "en").Subject
            .Should().Be("Grace Hopper invited you to join Acme", "other locales keep the built-in");
    }

    [Fact]
    public void Host_keys_are_listed()
    {
        var catalog = TemplateTestData.Catalog(
            TemplateDefinition.FromStrings("CRM_INVITE", MessageChannel.Sms, null, null, null, "{{ invite_link }}"));

        catalog.Keys.Should().BeEquivalentTo(["CRM_INVITE", "INVITE_REMINDER", "INVITE_USER"]);
        catalog.HasTemplate("CRM_INVITE", MessageChannel.Sms).Should().BeTrue();
    }
}
