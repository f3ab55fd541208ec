using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Invitations.Templates.Engine;

/// <summary>
/// <c>{% capture name %}…{% endcapture %}</c> written into a <see cref="LimitedWriter"/>: the captured text stops at
/// <see cref="TemplateLimits.LimitToString"/> characters as it is written (Fluid's own capture writes into an
/// unbounded buffer and is only seen once it is complete). Otherwise as Fluid's: the text is encoded as it is captured
/// (in an HTML body), so writing the variable later does not encode it again.
/// </summary>
internal sealed class LimitedCaptureStatement(string identifier, IReadOnlyList<Statement> statements) : TagStatement(statements)
{
    public string Identifier { get; } = identifier;

    public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
    {
        using var captured = new LimitedWriter(LiquidContext.LimitsOf(context).LimitToString, "captured text");
        var completion = Completion.Normal;
        foreach (var statement in Statements)
        {
            completion = await statement.WriteToAsync(captured, encoder, context).ConfigureAwait(false);
            if (completion != Completion.Normal)
            {
                // break/continue inside a capture leaves the capture and flows to the enclosing loop.
                break;
            }
        }

        FluidValue result = new StringValue(captured.ToString(), encode: false);
        if (context.Captured is not null)
        {
            result = await context.Captured(Identifier, result, context).ConfigureAwait(false);
        }

        context.SetValue(Identifier, result);
        return completion;
    }
}
