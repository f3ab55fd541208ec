using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Invitations.Docs.Tests;

public sealed class ConfigurationPageTests
{
    [Fact]
    public void The_appsettings_example_binds_and_passes_validation()
    {
        var page = File.ReadAllText(Path.Combine(MarkdownCodeBlocks.RepositoryRoot, "docs", "configuration.md"));
        var section = page[page.IndexOf("## From appsettings.json", StringComparison.Ordinal)..];
        var start = section.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        var json = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        var services = new ServiceCollection();
        services.AddInvitations(o => configuration.GetSection("Invitations").Bind(o));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<InvitationsOptions>>().Value;

        options.Defaults.AccountName.Should().Be("Acme Corp");
        options.Links.Clients["web"].InitiateLoginUri.Should().Be("https://app.example.com/login");
        options.Defaults.PhoneRegion.Should().Be("DE");
    }
}
