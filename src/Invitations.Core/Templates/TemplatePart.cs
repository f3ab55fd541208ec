using Fluid;
using Invitations.Templates.Engine;

namespace Invitations.Templates;

/// <summary>
/// One parsed part of a template (subject, HTML or text), with the guards of <see cref="TemplateGuard"/> in place.
/// Immutable and shareable across threads.
/// </summary>
internal sealed class TemplatePart
{
    private TemplatePart(IFluidTemplate template, bool writesVariables)
    {
        Template = template;
        WritesVariables = writesVariables;
    }

    /// <summary>The Fluid template.</summary>
    public IFluidTemplate Template { get; }

    /// <summary>Whether the part can set variables (<c>assign</c>, <c>capture</c>, loops): it then renders in a scope of its own.</summary>
    public bool WritesVariables { get; }

    /// <summary>Guards a parsed template.</summary>
    public static TemplatePart From(IFluidTemplate parsed)
    {
        var (template, writesVariables) = TemplateGuard.Apply(parsed);
        return new TemplatePart(template, writesVariables);
    }
}
