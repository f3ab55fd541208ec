using System.Globalization;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Invitations.Templates.Engine;

/// <summary>
/// <c>(from..to)</c> with at most <see cref="TemplateLimits.LoopLimit"/> items, checked before the array is built
/// (Fluid's own range allocates every item first, so <c>(1..2000000000)</c> would exhaust memory).
/// </summary>
internal sealed class LimitedRangeExpression(Expression from, Expression to) : Expression
{
    public Expression From { get; } = from;

    public Expression To { get; } = to;

    public override ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
    {
        var from = From.EvaluateAsync(context);
        var to = To.EvaluateAsync(context);
        return from.IsCompletedSuccessfully && to.IsCompletedSuccessfully
            ? new ValueTask<FluidValue>(Build(from.Result, to.Result, context))
            : Awaited(from, to, context);
    }

    private static async ValueTask<FluidValue> Awaited(ValueTask<FluidValue> from, ValueTask<FluidValue> to, TemplateContext context) =>
        Build(await from.ConfigureAwait(false), await to.ConfigureAwait(false), context);

    private static ArrayValue Build(FluidValue from, FluidValue to, TemplateContext context)
    {
        var start = Convert.ToInt32(from.ToNumberValue(), CultureInfo.InvariantCulture);
        var end = Convert.ToInt32(to.ToNumberValue(), CultureInfo.InvariantCulture);
        var count = Math.Max(0L, (long)end - start + 1);
        var limit = LiquidContext.LimitsOf(context).LoopLimit;
        if (count > limit)
        {
            throw new TemplateLimitException(string.Create(
                CultureInfo.InvariantCulture,
                $"The range ({start}..{end}) has {count} items; the limit (TemplateLimits.LoopLimit) is {limit}."));
        }

        var items = new FluidValue[count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = NumberValue.Create(start + i);
        }

        return new ArrayValue(items);
    }
}
