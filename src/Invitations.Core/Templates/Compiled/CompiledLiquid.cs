using System.Text;

namespace Invitations.Templates.Compiled;

/// <summary>
/// A template part compiled by <see cref="LiquidSubsetCompiler"/>: rendering is a walk over text, outputs
/// and branches with variables resolved at compile time, without a Scriban context. Immutable and shareable
/// across threads. It renders exactly what Scriban renders for the same template and model.
/// </summary>
internal sealed class CompiledLiquid
{
    private readonly LiquidNode[] _nodes;

    public CompiledLiquid(LiquidNode[] nodes)
    {
        _nodes = nodes;
    }

    /// <summary>Renders into <paramref name="output"/> (appending); stops and returns false once it holds more than <paramref name="limit"/> characters.</summary>
    public bool Render(TemplateModel model, bool htmlEncode, StringBuilder output, int limit) =>
        LiquidNode.WriteAll(_nodes, new LiquidWriter(model, output, htmlEncode, limit));
}
