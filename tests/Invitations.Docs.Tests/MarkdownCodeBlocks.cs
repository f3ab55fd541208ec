using System.Reflection;
using System.Text.RegularExpressions;

namespace Invitations.Docs.Tests;

/// <summary>A fenced code block of a Markdown document that says it compiles (<c>```csharp compile</c>).</summary>
public sealed record CodeBlock(string Document, int Line, string Kind, string Code)
{
    public override string ToString() => $"{Document}:{Line}";
}

/// <summary>Finds the documents (README.md, docs/**/*.md, src/*/PACKAGE.md) and their compiling blocks.</summary>
public static partial class MarkdownCodeBlocks
{
    public static string RepositoryRoot { get; } = typeof(MarkdownCodeBlocks).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    public static IEnumerable<string> Documents()
    {
        yield return Path.Combine(RepositoryRoot, "README.md");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return file;
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "src"), "PACKAGE.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return file;
        }
    }

    public static string Relative(string path) => Path.GetRelativePath(RepositoryRoot, path).Replace('\\', '/');

    /// <summary>Every block fenced <c>```csharp compile</c> or <c>```csharp compile web</c>.</summary>
    public static IEnumerable<CodeBlock> CompilingBlocks(string document)
    {
        var lines = File.ReadAllLines(document);
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            var start = i + 1;
            var end = start;
            while (end < lines.Length && !lines[end].StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            yield return new CodeBlock(Relative(document), start, fence.Groups["kind"].Success ? "web" : "console", string.Join('\n', lines[start..end]));
            i = end;
        }
    }

    [GeneratedRegex(@"^```csharp compile(?<kind> web)?\s*$")]
    private static partial Regex Fence();
}
