namespace Invitations.Core.Tests.Templates;

/// <summary>
/// Sources whose nesting would overflow the stack in Fluid's parser or evaluator (which ends the process, no catch
/// survives it) are refused when the templates load, with the template's key and the line.
/// </summary>
public class SourceShapeTests
{
    public static TheoryData<string, int> TooDeep => new()
    {
        { "a\n" + string.Concat(Enumerable.Repeat("{% if name %}", 2_000)) + string.Concat(Enumerable.Repeat("{% endif %}", 2_000)), 2 },
        { "a\n" + string.Concat(Enumerable.Repeat("{% for i in (1..1) %}", 1_000)) + string.Concat(Enumerable.Repeat("{% endfor %}", 1_000)), 2 },
        { "a\nb\n{{ name" + string.Concat(Enumerable.Repeat(" | upcase", 2_000)) + " }}", 3 },
        { "{% if " + string.Join(" and ", Enumerable.Repeat("name", 10_000)) + " %}x{% endif %}", 1 },
        { "{{ name" + string.Concat(Enumerable.Repeat("[", 500)) + "0" + string.Concat(Enumerable.Repeat("]", 500)) + " }}", 1 },
    };

    [Theory]
    [MemberData(nameof(TooDeep))]
    public void Source_nested_too_deep_is_refused_at_load_without_crashing(string source, int line)
    {
        var act = () => TemplateTestData.Catalog(TemplateDefinition.FromStrings("DEEP", MessageChannel.Sms, null, null, null, source));

        var error = act.Should().Throw<InvitationTemplateException>().Which;
        error.TemplateKey.Should().Be("DEEP");
        error.Line.Should().Be(line);
    }

    [Fact]
    public void Nesting_a_message_needs_is_accepted()
    {
        var source = string.Concat(Enumerable.Repeat("{% if name %}", 30)) + "{{ name | upcase | downcase }}" + string.Concat(Enumerable.Repeat("{% endif %}", 30))
            + "{% raw %}" + string.Concat(Enumerable.Repeat("{% if x %}", 100)) + "{% endraw %}";

        var rendered = TemplateTestData.RenderSource("s", null, source, TemplateTestData.Model());

        rendered.Text.Should().Be("ada lovelace" + string.Concat(Enumerable.Repeat("{% if x %}", 100)));
    }
}
