using System.Text;
using Invitations.Templates.Compiled;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Invitations.Templates;

/// <summary>
/// Renders compiled templates. HTML bodies HTML-encode every expression output; subjects are made single-line;
/// text bodies and SMS lose control characters; SMS are capped without cutting the link. Loop, recursion,
/// string-size and time limits apply. A part compiled to the Liquid subset (<see cref="CompiledLiquid"/>) renders
/// without the Scriban context; every other part renders through Scriban. Thread-safe: each thread reuses its own
/// Liquid context and output builder.
/// </summary>
internal sealed class TemplateRenderer
{
    private const int OutputLimit = 1_048_576;
    private const int MaxPooledBuilderCapacity = 64 * 1024;

    [ThreadStatic]
    private static RenderState? t_state;

    private readonly TemplateLimits _limits;

    public TemplateRenderer(TemplateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
    }

    /// <summary>The limits applied to every render.</summary>
    public TemplateLimits Limits => _limits;

    /// <summary>Renders a template with a model.</summary>
    /// <exception cref="TemplateRenderException">A limit was hit or the template failed at run time.</exception>
    public RenderedTemplate Render(CompiledTemplate template, TemplateModel model)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(model);

        var state = t_state ??= new RenderState();
        state.Model.Model = model;
        var context = state.Context;
        context.LoopLimit = _limits.LoopLimit;
        context.RecursiveLimit = _limits.RecursiveLimit;
        context.LimitToString = _limits.LimitToString;
        // Scriban's default cuts an over-long output (or capture) at the limit and appends "...", which could drop the
        // link or end inside an HTML entity: make it throw, which RenderWithScriban reports as a render error.
        context.OutputLimit = OutputLimit;
        context.OnOutputLimit = ScriptLimitBehavior.Throw;
        context.PushGlobal(state.Model);
        context.PushGlobal(state.Locals);
        try
        {
            RenderedTemplate result;
            if (template.Channel == MessageChannel.Sms)
            {
                var sms = MessageText.PlainText(RenderPart(state, template, template.Text, template.SubsetText, TemplateParts.Text, html: false));
                result = new RenderedTemplate(string.Empty, null, MessageText.CapSms(sms, model.InviteLink, _limits.MaxSmsLength));
            }
            else
            {
                var brandedSubject = model.Branding?.Subject;
                var subject = !string.IsNullOrWhiteSpace(brandedSubject)
                    ? brandedSubject
                    : template.Subject is null ? string.Empty : RenderPart(state, template, template.Subject, template.SubsetSubject, TemplateParts.Subject, html: false);
                var htmlBody = template.Html is null ? null : RenderPart(state, template, template.Html, template.SubsetHtml, TemplateParts.Html, html: true);
                var text = RenderPart(state, template, template.Text, template.SubsetText, TemplateParts.Text, html: false);
                result = new RenderedTemplate(MessageText.Subject(subject), htmlBody, MessageText.PlainText(text));
            }

            context.PopGlobal();
            context.PopGlobal();
            state.Locals.Clear();
            state.Model.Model = null;
            Trim(context.Builder);
            Trim(state.Output);
            return result;
        }
        catch
        {
            // The context may be left mid-render (pushed scopes, outputs): never reuse it.
            state.Model.Model = null;
            t_state = null;
            throw;
        }
    }

    private static string RenderPart(RenderState state, CompiledTemplate template, Template part, CompiledLiquid? subset, string partName, bool html)
    {
        var output = subset is null ? RenderWithScriban(state.Context, template, part, partName, html) : RenderSubset(state, template, subset, partName, html);

        // Both paths refuse an over-long part; a cut HTML body could end inside an entity or a tag.
        return output.Length <= OutputLimit ? output : throw OverLimit(template, partName, null);
    }

    private static TemplateRenderException OverLimit(CompiledTemplate template, string partName, Exception? inner) =>
        new(template.Key, template.Channel, template.Locale, partName, 0, 0, $"The output exceeds the limit of {OutputLimit} characters.", inner);

    private static string RenderWithScriban(InvitationTemplateContext context, CompiledTemplate template, Template part, string partName, bool html)
    {
        context.Begin(html);
        try
        {
            // Render returns the output and clears the context's builder.
            return part.Render(context);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new TemplateRenderException(
                template.Key,
                template.Channel,
                template.Locale,
                partName,
                ex.Span.Start.Line + 1,
                ex.Span.Start.Column + 1,
                ex.OriginalMessage ?? ex.Message,
                ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not TemplateRenderException)
        {
            // Engine failures (including engine bugs found by fuzzing) surface as one documented error type.
            throw new TemplateRenderException(template.Key, template.Channel, template.Locale, partName, 0, 0, ex.Message, ex);
        }
    }

    /// <summary>The compiled subset: no loops, so no step or time limits apply; the output limit stops it as it writes.</summary>
    private static string RenderSubset(RenderState state, CompiledTemplate template, CompiledLiquid subset, string partName, bool html)
    {
        var output = state.Output;
        output.Clear();
        bool complete;
        try
        {
            complete = subset.Render(state.Model.Model!, html, output, OutputLimit);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new TemplateRenderException(template.Key, template.Channel, template.Locale, partName, 0, 0, ex.Message, ex);
        }

        if (!complete)
        {
            throw OverLimit(template, partName, null);
        }

        var result = output.ToString();
        output.Clear();
        return result;
    }

    private static void Trim(StringBuilder builder)
    {
        builder.Clear();
        if (builder.Capacity > MaxPooledBuilderCapacity)
        {
            builder.Capacity = MaxPooledBuilderCapacity;
        }
    }

    /// <summary>Per-thread reusable render state.</summary>
    private sealed class RenderState
    {
        public InvitationTemplateContext Context { get; } = new();

        public ModelScriptObject Model { get; } = new();

        public ScriptObject Locals { get; } = new();

        /// <summary>The output of the compiled subset.</summary>
        public StringBuilder Output { get; } = new();
    }
}
