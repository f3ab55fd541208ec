using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Invitations.Templates.Engine;

/// <summary>
/// A model variable used as a condition (<c>{% if header_image %}</c>, <c>invited_by and account_name</c>): true or
/// false without building the variable's string value. A variable the template assigned with the same name is read
/// first, as Fluid reads a name. Only where nothing but the truth of the value counts (see <see cref="TemplateGuard"/>).
/// </summary>
internal sealed class ModelFieldTruth(string identifier, ModelField field) : Expression
{
    public override ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
    {
        var assigned = context.GetValue(identifier);
        var truth = assigned.IsNil()
            ? context is LiquidContext liquid && liquid.ModelValue.Read(field) is not null
            : assigned.ToBooleanValue();
        return new ValueTask<FluidValue>(BooleanValue.Create(truth));
    }
}
