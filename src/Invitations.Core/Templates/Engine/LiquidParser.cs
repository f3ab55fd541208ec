using Fluid;
using Fluid.Ast;
using Parlot;
using Parlot.Fluent;

namespace Invitations.Templates.Engine;

/// <summary>
/// Fluid's Liquid parser with two changes. Every tag remembers the line and column it starts at
/// (<see cref="LocatedStatement"/>), so a render error can name a line although Fluid's syntax tree carries no
/// positions. <c>include</c> and <c>render</c> are not tags: templates have no file system to read from, and a template
/// that uses one fails when it is loaded rather than at the first send; nor is <c>liquid</c> (see the constructor).
/// One instance parses every template
/// (a <see cref="FluidParser"/> is immutable once built and safe to share across threads).
/// </summary>
internal sealed class LiquidParser : FluidParser
{
    private LiquidParser()
        : base(new FluidParserOptions())
    {
        RegisteredTags.Remove("include");
        RegisteredTags.Remove("render");

        // {% liquid %} nests tags line by line, out of sight of the nesting check (SourceShape) that keeps the parser's
        // recursion off the end of the stack.
        RegisteredTags.Remove("liquid");
        foreach (var (name, tag) in RegisteredTags.ToArray())
        {
            // The position is read after the tag name, before its arguments: the line of the tag.
            RegisteredTags[name] = Parsers.Always<TextPosition>()
                .Then(static (context, _) => context.Scanner.Cursor.Position)
                .And(tag)
                .Then<Statement>(static located => new LocatedStatement(located.Item2, located.Item1.Line, located.Item1.Column));
        }
    }

    /// <summary>The shared parser.</summary>
    public static LiquidParser Instance { get; } = new();
}
