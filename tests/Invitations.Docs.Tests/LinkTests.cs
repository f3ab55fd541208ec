using System.Text.RegularExpressions;

namespace Invitations.Docs.Tests;

public sealed partial class LinkTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var document in MarkdownCodeBlocks.Documents())
        {
            data.Add(MarkdownCodeBlocks.Relative(document));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_points_at_a_file_in_the_repository(string document)
    {
        var path = Path.Combine(MarkdownCodeBlocks.RepositoryRoot, document);
        var missing = Links(path)
            .Where(link => !link.Contains("://", StringComparison.Ordinal) && !link.StartsWith('#') && !link.StartsWith("mailto:", StringComparison.Ordinal))
            .Select(link => link.Split('#')[0])
            .Where(target => !File.Exists(Path.Combine(Path.GetDirectoryName(path)!, target)) && !Directory.Exists(Path.Combine(Path.GetDirectoryName(path)!, target)));

        missing.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_package_page_links_only_with_absolute_urls_because_nuget_org_shows_it_outside_the_repository(string document)
    {
        if (!document.EndsWith("PACKAGE.md", StringComparison.Ordinal))
        {
            return;
        }

        Links(Path.Combine(MarkdownCodeBlocks.RepositoryRoot, document)).Should().OnlyContain(link => link.StartsWith("https://", StringComparison.Ordinal));
    }

    [Fact]
    public void Neither_docs_nor_public_comments_cite_documents_that_are_not_in_the_repository()
    {
        // File names as cited (case-sensitive: docs/security.md exists); prose references in any case.
        string[] absentFiles = ["ARCHITECTURE.md", "SECURITY.md", "STYLE.md"];
        string[] absentProse = ["checklist item", "issue #"];
        var sources = Directory.EnumerateFiles(Path.Combine(MarkdownCodeBlocks.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Where(l => l.TrimStart().StartsWith("///", StringComparison.Ordinal)).Select(l => (File: f, Line: l)));
        var documents = MarkdownCodeBlocks.Documents().SelectMany(f => File.ReadLines(f).Select(l => (File: f, Line: l)));

        sources.Concat(documents)
            .Where(x => absentFiles.Any(a => x.Line.Contains(a, StringComparison.Ordinal)) || absentProse.Any(a => x.Line.Contains(a, StringComparison.OrdinalIgnoreCase)))
            .Select(x => $"{MarkdownCodeBlocks.Relative(x.File)}: {x.Line.Trim()}")
            .Should().BeEmpty();
    }

    private static IEnumerable<string> Links(string path) =>
        MarkdownLink().Matches(File.ReadAllText(path)).Select(m => m.Groups["target"].Value);

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
