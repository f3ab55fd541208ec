namespace Invitations.Core.Tests.Templates;

public sealed class TemplateDefinitionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "invitations-templates-" + Guid.NewGuid().ToString("N"));

    public TemplateDefinitionTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void FromDirectory_reads_the_email_files()
    {
        File.WriteAllText(Path.Combine(_directory, "subject.liquid"), "S {{ name }}");
        File.WriteAllText(Path.Combine(_directory, "body.html.liquid"), "<p>{{ name }}</p>");
        File.WriteAllText(Path.Combine(_directory, "body.txt.liquid"), "T {{ name }}");

        var definition = TemplateDefinition.FromDirectory("CRM_INVITE", MessageChannel.Email, "de", _directory);

        definition.Should().BeEquivalentTo(new
        {
            Key = "CRM_INVITE",
            Channel = MessageChannel.Email,
            Locale = "de",
            Subject = "S {{ name }}",
            HtmlBody = "<p>{{ name }}</p>",
            TextBody = "T {{ name }}",
        });
    }

    [Fact]
    public void FromDirectory_reads_the_sms_file()
    {
        File.WriteAllText(Path.Combine(_directory, "sms.txt.liquid"), "{{ invite_link }}");

        var definition = TemplateDefinition.FromDirectory("CRM_INVITE", MessageChannel.Sms, null, _directory);

        definition.TextBody.Should().Be("{{ invite_link }}");
        definition.Subject.Should().BeNull();
        definition.HtmlBody.Should().BeNull();
    }

    [Fact]
    public void FromDirectory_names_the_missing_file()
    {
        File.WriteAllText(Path.Combine(_directory, "subject.liquid"), "S");

        var act = () => TemplateDefinition.FromDirectory("CRM_INVITE", MessageChannel.Email, null, _directory);

        var error = act.Should().Throw<FileNotFoundException>().Which;
        error.FileName.Should().Be(Path.Combine(_directory, "body.html.liquid"));
        error.Message.Should().Contain(Path.Combine(_directory, "body.html.liquid")).And.Contain("CRM_INVITE");
    }

    [Fact]
    public void FromEmbeddedResource_names_the_missing_resource()
    {
        var act = () => TemplateDefinition.FromEmbeddedResource(
            typeof(TemplateDefinitionTests).Assembly, "CRM_INVITE", MessageChannel.Sms, "de", "My.Templates.Crm");

        act.Should().Throw<FileNotFoundException>()
            .Which.Message.Should().Contain("My.Templates.Crm.sms.txt.liquid");
    }
}
