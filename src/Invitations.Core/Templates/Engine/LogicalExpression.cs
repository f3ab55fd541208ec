using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Invitations.Templates.Engine;

/// <summary>
/// <c>a and b</c>, <c>a or b</c> as a plain true or false. Fluid's own operators wrap the result with the left operand
/// (an allocation per evaluation, three in every built-in message) so that writing the expression writes the operand;
/// Liquid reads <c>and</c>/<c>or</c> only in conditions (<c>if</c>, <c>elsif</c>, <c>unless</c>), where only the truth
/// of the result counts. Both sides are evaluated, as Fluid does.
/// </summary>
internal sealed class LogicalExpression(Expression left, Expression right, bool isAnd) : Expression
{
    public override ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
    {
        var leftTask = left.EvaluateAsync(context);
        var rightTask = right.EvaluateAsync(context);
        return leftTask.IsCompletedSuccessfully && rightTask.IsCompletedSuccessfully
            ? new ValueTask<FluidValue>(Combine(leftTask.Result, rightTask.Result))
            : Awaited(leftTask, rightTask);
    }

    private async ValueTask<FluidValue> Awaited(ValueTask<FluidValue> leftTask, ValueTask<FluidValue> rightTask) =>
        Combine(await leftTask.ConfigureAwait(false), await rightTask.ConfigureAwait(false));

    private BooleanValue Combine(FluidValue leftValue, FluidValue rightValue) =>
        BooleanValue.Create(isAnd
            ? leftValue.ToBooleanValue() && rightValue.ToBooleanValue()
            : leftValue.ToBooleanValue() || rightValue.ToBooleanValue());
}
