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

/// <summary><c>{% if %} … {% elsif %} … {% else %} … {% endif %}</c> (and <c>unless</c>): an <c>elsif</c> is a branch in <see cref="Otherwise"/>.</summary>
internal sealed class LiquidBranch(LiquidCondition condition, LiquidNode[] then, LiquidNode[] otherwise) : LiquidNode
{
    public LiquidNode[] Otherwise { get; } = otherwise;

    public override void Write(TemplateModel model, StringBuilder output, bool htmlEncode) =>
        WriteAll(condition.IsTrue(model) ? then : Otherwise, model, output, htmlEncode);
}

/// <summary>A condition. Model values are nil or non-blank strings, so a value is true exactly when it is not nil.</summary>
internal abstract class LiquidCondition
{
    public abstract bool IsTrue(TemplateModel model);
}

/// <summary>A value a template reads: a model variable or one custom field. Also a condition (true when not nil).</summary>
internal abstract class LiquidValue : LiquidCondition
{
    public abstract string? Read(TemplateModel model);

    public override bool IsTrue(TemplateModel model) => Read(model) is not null;
}

/// <summary><c>name</c>, <c>invite_link</c>, …: read through <see cref="ModelFields"/>, like the Scriban path.</summary>
internal sealed class LiquidField(ModelField field) : LiquidValue
{
    public override string? Read(TemplateModel model) => ModelFields.Read(model, field);
}

/// <summary><c>custom_fields.key</c>.</summary>
internal sealed class LiquidCustomField(string key) : LiquidValue
{
    public override string? Read(TemplateModel model) => ModelFields.ReadCustomField(model.CustomFields, key);
}

/// <summary><c>a and b</c>, <c>a or b</c>, short-circuit.</summary>
internal sealed class LiquidLogical(LiquidCondition left, bool isAnd, LiquidCondition right) : LiquidCondition
{
    public override bool IsTrue(TemplateModel model) =>
        isAnd ? left.IsTrue(model) && right.IsTrue(model) : left.IsTrue(model) || right.IsTrue(model);
}

/// <summary>The negated condition of <c>unless</c>.</summary>
internal sealed class LiquidNot(LiquidCondition operand) : LiquidCondition
{
    public override bool IsTrue(TemplateModel model) => !operand.IsTrue(model);
}

/// <summary><c>value == "text"</c> or <c>value != "text"</c>: ordinal; nil equals no string.</summary>
internal sealed class LiquidEquals(LiquidValue value, string literal, bool negate) : LiquidCondition
{
    public override bool IsTrue(TemplateModel model) =>
        string.Equals(value.Read(model), literal, StringComparison.Ordinal) != negate;
}
