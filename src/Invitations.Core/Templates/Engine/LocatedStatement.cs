using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;

namespace Invitations.Templates.Engine;

/// <summary>
/// A tag with the position it was parsed at (<see cref="LiquidParser"/> wraps every tag in one). An exception from
/// the tag, or from anything inside it, leaves as a <see cref="LocatedException"/> naming that line; the innermost
/// tag wins, so an error in a loop inside a condition names the loop.
/// </summary>
internal sealed class LocatedStatement(Statement inner, int line, int column) : Statement
{
    public Statement Inner { get; } = inner;

    public int Line { get; } = line;

    public int Column { get; } = column;

    public override ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
    {
        ValueTask<Completion> task;
        try
        {
            task = Inner.WriteToAsync(writer, encoder, context);
        }
        catch (Exception ex) when (Unlocated(ex))
        {
            throw new LocatedException(Line, Column, ex);
        }

        return task.IsCompletedSuccessfully ? task : Awaited(task);
    }

    private static bool Unlocated(Exception ex) => ex is not (LocatedException or OutOfMemoryException);

    private async ValueTask<Completion> Awaited(ValueTask<Completion> task)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (Unlocated(ex))
        {
            throw new LocatedException(Line, Column, ex);
        }
    }
}
