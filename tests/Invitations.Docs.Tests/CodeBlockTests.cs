namespace Invitations.Docs.Tests;

public sealed class CodeBlockTests
{
    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (var block in MarkdownCodeBlocks.Documents().SelectMany(MarkdownCodeBlocks.CompilingBlocks))
        {
            data.Add(block.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Every_block_that_says_it_compiles_compiles_without_warnings(string location)
    {
        var block = MarkdownCodeBlocks.Documents().SelectMany(MarkdownCodeBlocks.CompilingBlocks).Single(b => b.ToString() == location);

        SnippetCompiler.Diagnose(block).Should().BeEmpty();
    }

    [Fact]
    public void The_readme_quickstart_is_a_compiling_block()
    {
        var readme = MarkdownCodeBlocks.Documents().First();

        MarkdownCodeBlocks.CompilingBlocks(readme).Should().Contain(b => b.Code.Contains("AddInvitations", StringComparison.Ordinal));
    }

    [Fact]
    public void A_broken_block_is_reported()
    {
        var broken = new CodeBlock("test.md", 1, "console", "using Invitations;\nvar x = new InviteRequest { NoSuchProperty = 1 };");

        SnippetCompiler.Diagnose(broken).Should().Contain(d => d.StartsWith("test.md:2: CS0117", StringComparison.Ordinal));
    }

    [Fact]
    public void A_warning_fails_a_block_as_it_fails_a_build_with_warnings_as_errors()
    {
        var warned = new CodeBlock("test.md", 1, "console", "string text = null;\nConsole.WriteLine(text);");

        SnippetCompiler.Diagnose(warned).Should().Contain(d => d.Contains("CS8600", StringComparison.Ordinal));
    }
}
