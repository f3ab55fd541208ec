using System.Globalization;
using System.Runtime.CompilerServices;
using Fluid;
using Fluid.Values;

namespace Invitations.Templates.Engine;

/// <summary>
/// Builds the one <see cref="TemplateOptions"/> of a <see cref="TemplateLimits"/> instance, shared by every renderer
/// with those limits (however many services compose messages) and used for every render. Fluid's own limits carry the step
/// budget (<see cref="TemplateLimits.MaxSteps"/>) and the nesting depth (<see cref="TemplateLimits.RecursiveLimit"/>).
/// The limits Fluid 2.30 does not have are added here: every filter result, <c>assign</c> and <c>capture</c> is held
/// to <see cref="TemplateLimits.LimitToString"/> characters and <see cref="TemplateLimits.LoopLimit"/> items, and every
/// filter call checks the deadline. No member of a .NET type is readable, names are case-sensitive as in Liquid, and
/// dates and numbers format in the invariant culture and UTC.
/// </summary>
internal static class LiquidOptions
{
    private static readonly TemplateOptions.AssignedDelegate CheckAssigned = static (_, value, context) => new(Check(value, context));

    private static readonly TemplateOptions.CapturedDelegate CheckCaptured = static (_, value, context) => new(Check(value, context));

    private static readonly ConditionalWeakTable<TemplateLimits, TemplateOptions> Shared = new();

    /// <summary>The options of <paramref name="limits"/>, built on first use.</summary>
    public static TemplateOptions For(TemplateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Shared.GetValue(limits, Create);
    }

    private static TemplateOptions Create(TemplateLimits limits)
    {
        var options = new TemplateOptions
        {
            MaxSteps = limits.MaxSteps,
            MaxRecursion = limits.RecursiveLimit,
            MemberAccessStrategy = new NoMemberAccessStrategy(),
            ModelNamesComparer = StringComparer.Ordinal,
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            Assigned = CheckAssigned,
            Captured = CheckCaptured,
        };

        // `raw` would write a value unencoded into an HTML body: here it leaves the value as it is, encoded like any other.
        options.Filters.AddFilter("raw", static (input, _, _) => new ValueTask<FluidValue>(input));
        foreach (var (name, filter) in options.Filters.ToArray())
        {
            options.Filters.AddFilter(name, Guard(filter));
        }

        return options;
    }

    private static FilterDelegate Guard(FilterDelegate filter) => (input, arguments, context) =>
    {
        (context as LiquidContext)?.CheckDeadline();
        var result = filter(input, arguments, context);
        return result.IsCompletedSuccessfully ? new ValueTask<FluidValue>(Check(result.Result, context)) : Awaited(result, context);
    };

    private static async ValueTask<FluidValue> Awaited(ValueTask<FluidValue> result, TemplateContext context) =>
        Check(await result.ConfigureAwait(false), context);

    /// <summary>Returns <paramref name="value"/> when it is within the string and collection limits, else throws.</summary>
    private static FluidValue Check(FluidValue value, TemplateContext context)
    {
        var limits = LiquidContext.LimitsOf(context);
        if (value is StringValue && value.ToStringValue().Length > limits.LimitToString)
        {
            throw new TemplateLimitException(string.Create(
                CultureInfo.InvariantCulture,
                $"A string of {value.ToStringValue().Length} characters was produced; the limit (TemplateLimits.LimitToString) is {limits.LimitToString}."));
        }

        if (value is ArrayValue array && array.Values.Count > limits.LoopLimit)
        {
            throw new TemplateLimitException(string.Create(
                CultureInfo.InvariantCulture,
                $"A list of {array.Values.Count} items was produced; the limit (TemplateLimits.LoopLimit) is {limits.LoopLimit}."));
        }

        return value;
    }
}
