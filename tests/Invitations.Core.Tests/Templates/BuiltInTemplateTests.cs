using Xunit.Abstractions;
using Invitations.Templates;

namespace Invitations.Core.Tests.Templates;

public class BuiltInTemplateTests
{
    private readonly ITestOutputHelper _output;

    public BuiltInTemplateTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Dump_built_in_templates()
    {
        var catalog = TemplateTestData.Catalog();
        foreach (var locale in new[] { "en", "de" })
        {
            var r = TemplateTestData.Render(catalog, TemplateTestData.Model(), locale: locale);
            _output.WriteLine(r.Subject);
            _output.WriteLine(r.Html);
            _output.WriteLine("-----");
            _output.WriteLine(r.Text);
            _output.WriteLine("-----");
            _output.WriteLine(TemplateTestData.Render(catalog, TemplateTestData.Model(), channel: MessageChannel.Sms, locale: locale).Text);
        }
    }
}
