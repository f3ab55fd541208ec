namespace Invitations.Templates.Compiled;

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

/// <summary>A negated condition: what <c>unless</c> compiles to (and Scriban's <c>!</c>, which means the same).</summary>
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
