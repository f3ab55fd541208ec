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

    /// <summary>Renders into <paramref name="output"/> (appending).</summary>
    public void Render(TemplateModel model, bool htmlEncode, StringBuilder output) =>
        LiquidNode.WriteAll(_nodes, model, output, htmlEncode);
}
