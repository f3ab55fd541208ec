using System.Text;

namespace Invitations.Templates.Compiled;

/// <summary>What a render writes with: the model, the output, whether values are HTML-encoded, and the output limit.</summary>
internal readonly record struct LiquidWriter(TemplateModel Model, StringBuilder Output, bool HtmlEncode, int Limit)
{
    /// <summary>Whether the output is still within the limit.</summary>
    public bool WithinLimit => Output.Length <= Limit;
}

/// <summary>One step of a compiled template: literal text, a value output or a branch.</summary>
internal abstract class LiquidNode
{
    /// <summary>Appends this node's output; false once the output holds more than the limit (the render stops).</summary>
    public abstract bool Write(in LiquidWriter writer);

    /// <summary>Writes a sequence of nodes; false as soon as one goes over the limit.</summary>
    public static bool WriteAll(LiquidNode[] nodes, in LiquidWriter writer)
    {
        foreach (var node in nodes)
        {
            if (!node.Write(writer))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Template text between tags, written as it is (never encoded: it is the template author's markup).</summary>
internal sealed class LiquidText(string text) : LiquidNode
{
    public string Text { get; } = text;

    public override bool Write(in LiquidWriter writer)
    {
        writer.Output.Append(Text);
        return writer.WithinLimit;
    }
}

/// <summary><c>{{ value }}</c>: nothing for nil, otherwise the value, HTML-encoded in HTML bodies.</summary>
internal sealed class LiquidOutput(LiquidValue value) : LiquidNode
{
    public override bool Write(in LiquidWriter writer)
    {
        var text = value.Read(writer.Model);
        if (text is null)
        {
            return true;
        }

        if (writer.HtmlEncode)
        {
            HtmlText.Encode(writer.Output, text);
        }
        else
        {
            writer.Output.Append(text);
        }

        return writer.WithinLimit;
    }
}

/// <summary><c>{% if %} … {% elsif %} … {% else %} … {% endif %}</c> (and <c>unless</c>): an <c>elsif</c> is a branch nested in the otherwise part.</summary>
internal sealed class LiquidBranch(LiquidCondition condition, LiquidNode[] then, LiquidNode[] otherwise) : LiquidNode
{
    public override bool Write(in LiquidWriter writer) =>
        WriteAll(condition.IsTrue(writer.Model) ? then : otherwise, writer);
}
