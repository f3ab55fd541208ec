using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using NodaTime;
using Invitations.Templates.Engine;

namespace Invitations.Templates;

/// <summary>
/// Renders compiled templates through Fluid. HTML bodies encode every expression output
/// (<see cref="HtmlValueEncoder"/>); subjects are made single-line; text bodies and SMS lose control characters; SMS are
/// capped without cutting the link. Step, nesting, collection, string, output and time limits apply
/// (<see cref="TemplateLimits"/>). Thread-safe: the options are shared and read-only, and each thread reuses its own
/// Fluid context and output buffer.
/// </summary>
internal sealed class TemplateRenderer
{
    private const int OutputLimit = 1_048_576;
    private const int MaxPooledBuilderCapacity = 64 * 1024;

    [ThreadStatic]
    private static RenderState? t_state;

    private readonly TemplateLimits _limits;
    private readonly TemplateOptions _options;
    private readonly IClock _clock;

    public TemplateRenderer(TemplateLimits limits, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(clock);
        _limits = limits;
        _clock = clock;
        _options = LiquidOptions.For(limits);
    }

    /// <summary>The limits applied to every render.</summary>
    public TemplateLimits Limits => _limits;

    /// <summary>Renders a template with a model.</summary>
    /// <exception cref="TemplateRenderException">A limit was hit or the template failed at run time.</exception>
    public RenderedTemplate Render(CompiledTemplate template, TemplateModel model)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(model);

        var state = t_state ??= new RenderState(_options);
        state.Context.Begin(_options, _limits, _clock, model);
        try
        {
            RenderedTemplate result;
            if (template.Channel == MessageChannel.Sms)
            {
                var sms = MessageText.PlainText(RenderPart(state, template, template.Text, TemplateParts.Text, html: false));
                result = new RenderedTemplate(string.Empty, null, MessageText.CapSms(sms, model.InviteLink, _limits.MaxSmsLength));
            }
            else
            {
                var brandedSubject = model.Branding?.Subject;
                var subject = !string.IsNullOrWhiteSpace(brandedSubject)
                    ? brandedSubject
                    : template.Subject is null ? string.Empty : RenderPart(state, template, template.Subject, TemplateParts.Subject, html: false);
                var htmlBody = template.Html is null ? null : RenderPart(state, template, template.Html, TemplateParts.Html, html: true);
                var text = RenderPart(state, template, template.Text, TemplateParts.Text, html: false);
                result = new RenderedTemplate(MessageText.Subject(subject), htmlBody, MessageText.PlainText(text));
            }

            state.End();
            return result;
        }
        catch
        {
            // The context may be left mid-render (open scopes, counters): never reuse it.
            state.End();
            t_state = null;
            throw;
        }
    }

    private static string RenderPart(RenderState state, CompiledTemplate template, TemplatePart part, string partName, bool html)
    {
        var context = state.Context;
        var output = state.Output;
        output.Reset(MaxPooledBuilderCapacity);
        context.BeginPart();
        try
        {
            // Only a part that can set variables needs a scope of its own: its variables go when the scope goes.
            if (part.WritesVariables)
            {
                context.EnterChildScope();
            }

            var encoder = html ? HtmlValueEncoder.Instance : (TextEncoder)NullEncoder.Default;
            var rendering = part.Template.RenderAsync(output, encoder, context);
            if (!rendering.IsCompletedSuccessfully)
            {
                // Nothing a template reads is asynchronous; a task that is not complete yet is awaited here.
                rendering.AsTask().GetAwaiter().GetResult();
            }

            if (part.WritesVariables)
            {
                context.ReleaseScope();
            }
        }
        catch (LocatedException ex)
        {
            var cause = ex.InnerException ?? ex;
            throw new TemplateRenderException(
                template.Key, template.Channel, template.Locale, partName, ex.Line, ex.Column, Detail(cause, context), cause);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Limits and engine failures (including engine bugs found by fuzzing) surface as one documented error type.
            throw new TemplateRenderException(template.Key, template.Channel, template.Locale, partName, 0, 0, Detail(ex, context), ex);
        }

        var result = output.ToString();
        output.Reset(MaxPooledBuilderCapacity);
        return result;
    }

    /// <summary>What went wrong, naming the limit to raise where one was hit.</summary>
    private static string Detail(Exception ex, LiquidContext context)
    {
        if (ex is InvalidOperationException && ex.Source == typeof(TemplateContext).Assembly.GetName().Name)
        {
            // Fluid throws the same exception for steps and for depth.
            return context.StepsExhausted
                ? string.Create(CultureInfo.InvariantCulture, $"The template ran more than {context.MaxSteps} steps (TemplateLimits.MaxSteps).")
                : string.Create(CultureInfo.InvariantCulture, $"The template nests deeper than {context.Options.MaxRecursion} levels (TemplateLimits.RecursiveLimit).");
        }

        return ex.Message;
    }

    /// <summary>Per-thread reusable render state.</summary>
    private sealed class RenderState(TemplateOptions options)
    {
        public LiquidContext Context { get; } = new(new ModelValue(), options);

        /// <summary>The output of one part; it refuses to grow past the output limit.</summary>
        public LimitedWriter Output { get; } = new(OutputLimit, "output");

        /// <summary>Forgets the message's model (its values include the raw token).</summary>
        public void End() => Context.End();
    }
}
