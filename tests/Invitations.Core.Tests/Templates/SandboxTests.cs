using System.Diagnostics;
using Invitations.Templates;

namespace Invitations.Core.Tests.Templates;

public class SandboxTests
{
    [Fact]
    public void Loop_limit_stops_a_huge_loop_with_a_render_error()
    {
        var act = () => TemplateTestData.RenderSource(
            "s", "<p>\n{% for i in (1..100000) %}{{ i }}{% endfor %}</p>", "t", TemplateTestData.Model());

        var error = act.Should().Throw<TemplateRenderException>().Which;
        error.TemplateKey.Should().Be("TEST");
        error.Part.Should().Be("html");
        error.Line.Should().Be(2);
        error.Message.Should().StartWith("Template 'TEST' (email, default, html) failed to render at line 2");
    }

    [Fact]
    public void Configured_loop_limit_is_applied()
    {
        var limits = new TemplateLimits { LoopLimit = 10 };
        var ok = TemplateTestData.RenderSource(null, null, "{% for i in (1..10) %}x{% endfor %}", TemplateTestData.Model(), MessageChannel.Sms, limits);
        ok.Text.Should().Be("xxxxxxxxxx");

        var act = () => TemplateTestData.RenderSource(null, null, "{% for i in (1..11) %}x{% endfor %}", TemplateTestData.Model(), MessageChannel.Sms, limits);

        act.Should().Throw<TemplateRenderException>();
    }

    [Fact]
    public void Nested_loops_are_stopped_quickly()
    {
        var source = "{% for i in (1..1000) %}{% for j in (1..1000) %}{% for k in (1..1000) %}{% endfor %}{% endfor %}{% endfor %}";
        var stopwatch = Stopwatch.StartNew();

        var act = () => TemplateTestData.RenderSource(null, null, source, TemplateTestData.Model(), MessageChannel.Sms);

        act.Should().Throw<TemplateRenderException>();
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void String_size_limit_stops_string_doubling()
    {
        var source = "{% assign s = 'xxxxxxxxxxxxxxxx' %}{% for i in (1..30) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}";

        var act = () => TemplateTestData.RenderSource(null, null, source, TemplateTestData.Model(), MessageChannel.Sms);

        act.Should().Throw<TemplateRenderException>();
    }

    [Theory]
    [InlineData("{% include 'secrets' %}")]
    [InlineData("{% render 'secrets' %}")]
    [InlineData("{% liquid\n echo name %}")]
    public void Include_render_and_liquid_are_refused_when_the_templates_load(string tag)
    {
        // Scriban refused include at the first render; Fluid parses these tags, so they are taken out of its parser
        // and a template using one never loads (there is no file system to include from).
        var act = () => TemplateTestData.RenderSource("s", "<p>\n" + tag + "</p>", "t", TemplateTestData.Model());

        var error = act.Should().Throw<InvitationTemplateException>().Which;
        error.TemplateKey.Should().Be("TEST");
        error.Part.Should().Be("html");
        error.Line.Should().Be(2);
    }

    [Fact]
    public void Reflection_members_are_not_reachable()
    {
        var rendered = TemplateTestData.RenderSource(
            null, null, "[{{ name.GetType }}][{{ name.get_type }}][{{ custom_fields.GetType.Assembly }}][{{ invite_link.length }}]",
            TemplateTestData.Model(), MessageChannel.Sms);

        rendered.Text.Should().NotContain("System").And.NotContain("Invitations");
    }

    [Fact]
    public void Unknown_variables_render_empty()
    {
        var rendered = TemplateTestData.RenderSource(null, null, "[{{ nope }}][{{ custom_fields.nope }}]", TemplateTestData.Model(), MessageChannel.Sms);

        rendered.Text.Should().Be("[][]");
    }

    [Fact]
    public void Context_is_usable_after_a_failed_render()
    {
        var renderer = TemplateTestData.Renderer();
        var catalog = TemplateTestData.Catalog(
            TemplateDefinition.FromStrings("BAD", MessageChannel.Sms, null, null, null, "{% capture c %}{% for i in (1..5000) %}x{% endfor %}{% endcapture %}"));
        catalog.TryResolve("BAD", MessageChannel.Sms, null, out var bad).Should().BeTrue();
        catalog.TryResolve("INVITE_USER", MessageChannel.Sms, "en", out var good).Should().BeTrue();
        var expected = renderer.Render(good, TemplateTestData.Model());

        var act = () => renderer.Render(bad, TemplateTestData.Model());
        act.Should().Throw<TemplateRenderException>();

        renderer.Render(good, TemplateTestData.Model()).Should().Be(expected);
    }

    [Fact]
    public void Assignments_do_not_leak_into_the_next_render()
    {
        var renderer = TemplateTestData.Renderer();
        var catalog = TemplateTestData.Catalog(
            TemplateDefinition.FromStrings("A", MessageChannel.Sms, null, null, null, "{% assign leaked = 'yes' %}a"),
            TemplateDefinition.FromStrings("B", MessageChannel.Sms, null, null, null, "[{{ leaked }}]"));
        catalog.TryResolve("A", MessageChannel.Sms, null, out var a).Should().BeTrue();
        catalog.TryResolve("B", MessageChannel.Sms, null, out var b).Should().BeTrue();

        renderer.Render(a, TemplateTestData.Model());

        renderer.Render(b, TemplateTestData.Model()).Text.Should().Be("[]");
    }

    [Fact]
    public void Deeply_nested_expression_fails_at_construction_without_crashing()
    {
        var source = "{{ " + new string('(', 10_000) + "1" + new string(')', 10_000) + " }}";

        var act = () => TemplateTestData.Catalog(TemplateDefinition.FromStrings("DEEP", MessageChannel.Sms, null, null, null, source));

        act.Should().Throw<InvitationTemplateException>().Which.TemplateKey.Should().Be("DEEP");
    }
}
