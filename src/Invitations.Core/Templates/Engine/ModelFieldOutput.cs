using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;

namespace Invitations.Templates.Engine;

/// <summary>
/// <c>{{ name }}</c> for a model variable: the string is written (encoded in an HTML body) straight from the model,
/// without the string value and the encoded copy Fluid would make for each output. A variable the template assigned
/// with the same name is written instead, as Fluid reads a name.
/// </summary>
internal sealed class ModelFieldOutput(string identifier, ModelField field) : Statement
{
    public override ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
    {
        context.IncrementSteps();
        var assigned = context.GetValue(identifier);
        if (!assigned.IsNil())
        {
            var written = assigned.WriteToAsync(writer, encoder, context.CultureInfo);
            return written.IsCompletedSuccessfully ? new ValueTask<Completion>(Completion.Normal) : Awaited(written);
        }

        var text = (context as LiquidContext)?.ModelValue.Read(field);
        if (text is not null)
        {
            if (ReferenceEquals(encoder, NullEncoder.Default))
            {
                writer.Write(text);
            }
            else
            {
                encoder.Encode(writer, text);
            }
        }

        return new ValueTask<Completion>(Completion.Normal);
    }

    private static async ValueTask<Completion> Awaited(ValueTask written)
    {
        await written.ConfigureAwait(false);
        return Completion.Normal;
    }
}
