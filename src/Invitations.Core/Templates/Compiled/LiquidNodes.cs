using System.Text;

namespace Invitations.Templates.Compiled;

/// <summary>One step of a compiled template: literal text, a value output or a branch.</summary>
internal abstract class LiquidNode
{
    /// <summary>Appends this node's output for <paramref name="model"/>.</summary>
    public abstract void Write(TemplateModel model, StringBuilder output, bool htmlEncode);

    /// <summary>Writes a sequence of nodes.</summary>
    public static void WriteAll(LiquidNode[] nodes, TemplateModel model, StringBuilder output, bool htmlEncode)
    {
        foreach (var node in nodes)
        {
            node.Write(model, output, htmlEncode);
        }
    }
}

/// <summary>Template text between tags, written as it is (never encoded: it is the template author's markup).</summary>
internal sealed class LiquidText(string text) : LiquidNode
{
    public string Text { get; } = text;

    public override void Write(TemplateModel model, StringBuilder output, bool htmlEncode) => output.Append(Text);
}

/// <summary><c>{{ value }}</c>: nothing for nil, otherwise the value, HTML-encoded in HTML bodies.</summary>
internal sealed class LiquidOutput(LiquidValue value) : LiquidNode
{
    public override void Write(TemplateModel model, StringBuilder output, bool htmlEncode)
    {
        var text = value.Read(model);
        if (text is null)
        {
            return;
        }

        if (htmlEncode)
        {
            HtmlText.Encode(output, text);
        }
        else
        {
            output.Append(text);
        }
    }
}

/// <summary><c>{% if %} … {% elsif %} … {% else %} … {% endif %}</c> (and <c>unless</c>): an <c>elsif</c> is a branch nested in the otherwise part.</summary>
internal sealed class LiquidBranch(LiquidCondition condition, LiquidNode[] then, LiquidNode[] otherwise) : LiquidNode
{
    public override void Write(TemplateModel model, StringBuilder output, bool htmlEncode) =>
        WriteAll(condition.IsTrue(model) ? then : otherwise, model, output, htmlEncode);
}
