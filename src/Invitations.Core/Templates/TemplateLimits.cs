namespace Invitations;

/// <summary>
/// Execution limits applied to every message template. Templates are
/// written by administrators and treated as code: these limits keep a hostile or broken template from
/// hanging or exhausting the process.
/// </summary>
public sealed record TemplateLimits
{
    /// <summary>
    /// The maximum number of iterations of a single loop (<c>{% for %}</c>, <c>{% while %}</c>).
    /// Exceeding it fails the render. Default: <c>1000</c>.
    /// </summary>
    public int LoopLimit { get; init; } = 1000;

    /// <summary>
    /// The maximum depth of nested evaluations (function calls, recursion). Default: <c>20</c>.
    /// </summary>
    public int RecursiveLimit { get; init; } = 20;

    /// <summary>
    /// The maximum length, in characters, of any string produced while rendering (for example by string
    /// concatenation or multiplication). Default: <c>100_000</c>.
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
