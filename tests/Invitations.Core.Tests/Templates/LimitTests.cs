using Invitations.Templates;

namespace Invitations.Core.Tests.Templates;

/// <summary>The limits Fluid enforces for the library (MaxSteps, MaxRecursion) and the ones the library adds around it.</summary>
public class LimitTests
{
    private static readonly TemplateLimits LongSms = new() { MaxSmsLength = 2_000_000 };

    [Fact]
    public void Configured_step_limit_is_applied_and_named()
    {
        var limits = new TemplateLimits { MaxSteps = 50 };
        var ok = TemplateTestData.RenderSource(null, null, "{% for i in (1..20) %}x{% endfor %}", TemplateTestData.Model(), MessageChannel.Sms, limits);
        ok.Text.Should().Be(new string('x', 20));

        var act = () => TemplateTestData.RenderSource(null, null, "{% for i in (1..60) %}x{% endfor %}", TemplateTestData.Model(), MessageChannel.Sms, limits);

        act.Should().Throw<TemplateRenderException>().Which.Message.Should().Contain("TemplateLimits.MaxSteps");
    }

    [Fact]
    public void Loops_nested_deeper_than_the_recursion_limit_fail_and_name_it()
    {
        var limits = new TemplateLimits { RecursiveLimit = 3 };
        string Nested(int depth) =>
            string.Concat(Enumerable.Repeat("{% for i in (1..1) %}", depth)) + "x" + string.Concat(Enumerable.Repeat("{% endfor %}", depth));

        TemplateTestData.RenderSource(null, null, Nested(2), TemplateTestData.Model(), MessageChannel.Sms, limits).Text.Should().Be("x");
        var act = () => TemplateTestData.RenderSource(null, null, Nested(6), TemplateTestData.Model(), MessageChannel.Sms, limits);

        act.Should().Throw<TemplateRenderException>().Which.Message.Should().Contain("TemplateLimits.RecursiveLimit");
    }

    [Fact]
    public void A_huge_range_is_refused_before_it_is_built()
    {
        // Fluid's own range would allocate two billion items first.
        var act = () => TemplateTestData.RenderSource(null, null, "{% assign r = (1..2000000000) %}{{ r | size }}", TemplateTestData.Model(), MessageChannel.Sms);

        act.Should().Throw<TemplateRenderException>().Which.Message.Should().Contain("TemplateLimits.LoopLimit");
    }

    [Fact]
    public void A_list_longer_than_the_loop_limit_is_refused()
    {
        var limits = new TemplateLimits { LoopLimit = 5 };
        var ok = TemplateTestData.RenderSource(null, null, "{{ 'a,b,c,d,e' | split: ',' | size }}", TemplateTestData.Model(), MessageChannel.Sms, limits);
        ok.Text.Should().Be("5");

        var act = () => TemplateTestData.RenderSource(null, null, "{{ 'a,b,c,d,e,f' | split: ',' | size }}", TemplateTestData.Model(), MessageChannel.Sms, limits);

        act.Should().Throw<TemplateRenderException>().Which.Message.Should().Contain("TemplateLimits.LoopLimit");
    }

    [Fact]
    public void A_captured_string_stops_at_the_string_limit_as_it_is_written()
    {
        var limits = new TemplateLimits { LimitToString = 1_000, MaxSmsLength = 2_000_000 };
        var source = "{% capture c %}{% for i in (1..11) %}{{ body_text }}{% endfor %}{% endcapture %}{{ c | size }}";
        var model = TemplateTestData.Model(branding: new InvitationBranding { BodyText = new string('y', 100) });
        var ok = TemplateTestData.RenderSource(null, null, source.Replace("11", "10", StringComparison.Ordinal), model, MessageChannel.Sms, limits);
        ok.Text.Should().Be("1000");

        var act = () => TemplateTestData.RenderSource(null, null, source, model, MessageChannel.Sms, limits);

        act.Should().Throw<TemplateRenderException>().Which.Message.Should().Contain("captured text");
    }

    [Fact]
    public void A_capture_over_the_string_limit_is_refused_not_cut()
    {
        // A cut capture would lose what follows it, the link included, without a word.
        var source = "{% capture c %}{% for i in (1..600) %}{{ body_text }}{% endfor %}{% endcapture %}Hello {{ invite_link }}";
        var model = TemplateTestData.Model(branding: new InvitationBranding { BodyText = new string('y', 2048) });

        var render = () => TemplateTestData.RenderSource(null, null, source, model, MessageChannel.Sms, LongSms);

        render.Should().Throw<TemplateRenderException>().Which.Part.Should().Be(TemplateParts.Text);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void Output_up_to_the_limit_renders_and_anything_longer_is_refused(int extra, bool refused)
    {
        // 1,024 outputs of 1,024 characters are exactly the 1 MiB limit; one more character is over it.
        var source = string.Concat(Enumerable.Repeat("{{ body_text }}", 1024)) + new string('x', extra);
        var model = TemplateTestData.Model(branding: new InvitationBranding { BodyText = new string('y', 1024) });

        var render = () => TemplateTestData.RenderSource(null, null, source, model, MessageChannel.Sms, LongSms);

        if (refused)
        {
            render.Should().Throw<TemplateRenderException>().Which.Message.Should().Contain("output exceeds the limit");
        }
        else
        {
            render().Text.Should().HaveLength(1024 * 1024);
        }
    }

    [Fact]
    public void A_render_error_names_the_line_of_the_innermost_tag()
    {
        var source = "line one\n{% if name %}\n  {% for i in (1..5000) %}{{ i }}{% endfor %}\n{% endif %}";

        var act = () => TemplateTestData.RenderSource(null, null, source, TemplateTestData.Model(), MessageChannel.Sms);

        var error = act.Should().Throw<TemplateRenderException>().Which;
        error.Line.Should().Be(3);
        error.Column.Should().BeGreaterThan(0);
        error.Message.Should().Contain("(sms, default, text) failed to render at line 3");
    }
}
