namespace Invitations;

/// <summary>
/// Execution limits applied to every message template. Templates are
/// written by administrators and treated as code: these limits keep a hostile or broken template from
/// hanging or exhausting the process.
/// </summary>
public sealed record TemplateLimits
{
    /// <summary>
    /// The maximum number of items of one collection a template builds or loops over: a range
    /// (<c>{% for i in (1..n) %}</c>), a list a filter returns (<c>split</c>, <c>concat</c>) or an assigned list, so no
    /// <c>{% for %}</c> loop runs more often. Exceeding it fails the render. Default: <c>1000</c>.
    /// </summary>
    public int LoopLimit { get; init; } = 1000;

    /// <summary>
    /// The maximum nesting depth of loops and scopes (Fluid's <c>MaxRecursion</c>); <c>0</c> turns the limit off.
    /// Default: <c>20</c>.
    /// </summary>
    public int RecursiveLimit { get; init; } = 20;

    /// <summary>
    /// The maximum number of steps (tags, outputs, text blocks and loop iterations) one part of a message may execute
    /// (Fluid's <c>MaxSteps</c>): nested loops that each stay within <see cref="LoopLimit"/> still stop. The built-in
    /// e-mail takes well under 100 steps; <c>0</c> turns the limit off. Default: <c>100_000</c>.
    /// </summary>
    public int MaxSteps { get; init; } = 100_000;

    /// <summary>
    /// The maximum length, in characters, of any string produced while rendering (a filter result such as
    /// <c>append</c>, an assigned or a captured string). Default: <c>100_000</c>.
    /// </summary>
    public int LimitToString { get; init; } = 100_000;

    /// <summary>
    /// The maximum length, in characters, of a template source (subject, HTML or text part). Longer sources
    /// are rejected when the templates are loaded, before parsing. Default: <c>100_000</c>.
    /// </summary>
    public int MaxSourceLength { get; init; } = 100_000;

    /// <summary>
    /// The maximum length, in characters, of a rendered SMS. Longer messages are shortened around the
    /// invitation link, which is never cut. Default: <c>320</c>.
    /// </summary>
    public int MaxSmsLength { get; init; } = 320;
}
