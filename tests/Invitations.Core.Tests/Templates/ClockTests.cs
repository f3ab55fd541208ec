using Invitations.Templates;
using NodaTime;
using NodaTime.Testing;

namespace Invitations.Core.Tests.Templates;

/// <summary>Liquid's <c>now</c> is the library's clock, not the machine's: a host's TimeProvider and a test's fake clock decide it.</summary>
public class ClockTests
{
    [Fact]
    public void Now_is_the_renderers_clock()
    {
        var rendered = TemplateTestData.RenderSource(null, null, "{{ 'now' | date: '%Y-%m-%d %H:%M' }}", TemplateTestData.Model(), MessageChannel.Sms);

        rendered.Text.Should().Be("2031-07-04 09:15");
    }

    [Fact]
    public void Now_follows_the_clock_between_renders_on_one_thread()
    {
        var clock = new FakeClock(Instant.FromUtc(2030, 1, 1, 0, 0));
        var catalog = new TemplateCatalog(
            [TemplateDefinition.FromStrings("TEST", MessageChannel.Sms, null, null, null, "{{ 'now' | date: '%Y' }}")], new TemplateLimits());
        catalog.TryResolve("TEST", MessageChannel.Sms, null, out var template).Should().BeTrue();
        var renderer = TemplateTestData.Renderer(clock: clock);

        var first = renderer.Render(template, TemplateTestData.Model()).Text;
        clock.AdvanceDays(366);
        var second = renderer.Render(template, TemplateTestData.Model()).Text;

        (first, second).Should().Be(("2030", "2031"));
    }
}
