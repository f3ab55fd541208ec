using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Invitations.Templates;

/// <summary>
/// The Liquid context used for every render. In HTML mode every <c>{{ expression }}</c> output is
/// HTML-encoded (literal template text is written unchanged); there is no opt-out for values. Also
/// enforces a wall-clock deadline across all loops, so nested loops cannot hang a thread.
/// Values are written as they are (no automatic indentation of multi-line values).
/// One instance is reused per thread by <see cref="TemplateRenderer"/>.
/// </summary>
internal sealed class InvitationTemplateContext : LiquidTemplateContext
{
    private long _deadline;
    private int _steps;

    public InvitationTemplateContext()
    {
        TemplateLoader = null;
        StrictVariables = false;
        EnableRelaxedMemberAccess = true;
        RegexTimeOut = TimeSpan.FromSeconds(1);

        // A value is written as it is: a multi-line value after leading white space is not re-indented.
        AutoIndent = false;
    }

    /// <summary>When true, expression output is HTML-encoded.</summary>
    public bool HtmlEncode { get; set; }

    /// <summary>The maximum wall-clock time of one render part.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The output builder of the top-level output.</summary>
    public System.Text.StringBuilder Builder => ((StringBuilderOutput)Output).Builder;

    /// <summary>Prepares the context for rendering one part.</summary>
    public void Begin(bool htmlEncode)
    {
        HtmlEncode = htmlEncode;
        _steps = 0;
        _deadline = Environment.TickCount64 + (long)Deadline.TotalMilliseconds;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is null)
        {
            return this;
        }

        var text = textAsObject as string ?? ObjectToString(textAsObject);
        if (string.IsNullOrEmpty(text))
        {
            return this;
        }

        if (HtmlEncode)
        {
            HtmlText.Encode(this, text);
        }
        else
        {
            Write(text, 0, text.Length);
        }

        return this;
    }

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject)
        => new(Write(span, textAsObject));

    protected override bool OnStepLoop(ScriptLoopStatementBase loop)
    {
        if ((++_steps & 0x3F) == 0 && Environment.TickCount64 > _deadline)
        {
            throw new ScriptRuntimeException(loop.Span, "The template exceeded its time limit.");
        }

        return base.OnStepLoop(loop);
    }
}
