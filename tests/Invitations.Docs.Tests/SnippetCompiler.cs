using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Invitations.Docs.Tests;

/// <summary>
/// Compiles a documentation block as the user would: a console project (Microsoft.NET.Sdk) or a web project
/// (Microsoft.NET.Sdk.Web) with their implicit usings, nullable on, warnings reported, against every package.
/// </summary>
public static class SnippetCompiler
{
    private static readonly string[] ConsoleUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly string[] WebUsings =
        [.. ConsoleUsings, "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
         "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
         "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging"];

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => MetadataReference.CreateFromFile(path))]);

    // The .NET SDK's default NoWarn (binding-redirect assumptions between assembly versions), as in a user's build.
    private static readonly string[] SdkNoWarn = ["CS1701", "CS1702"];

    /// <summary>The errors and warnings of compiling the block; empty when it compiles cleanly.</summary>
    public static IReadOnlyList<string> Diagnose(CodeBlock block)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var usings = string.Concat((block.Kind == "web" ? WebUsings : ConsoleUsings).Select(u => $"global using global::{u};\n"));
        var code = CSharpSyntaxTree.ParseText(block.Code, parse, path: block.Document);
        var hasStatements = code.GetCompilationUnitRoot().Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any();
        var options = new CSharpCompilationOptions(hasStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable);
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [CSharpSyntaxTree.ParseText(usings, parse, path: "GlobalUsings.g.cs"), code],
            References.Value,
            options);

        using var output = new MemoryStream();
        var result = compilation.Emit(output);
        return [.. result.Diagnostics
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning && !SdkNoWarn.Contains(d.Id))
            .Select(d => $"{block.Document}:{block.Line + d.Location.GetLineSpan().StartLinePosition.Line}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")];
    }
}
