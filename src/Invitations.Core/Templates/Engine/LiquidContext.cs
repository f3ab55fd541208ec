using System.Globalization;
using Fluid;
using NodaTime;

namespace Invitations.Templates.Engine;

/// <summary>
/// The Fluid context of one thread, reused for every render on it (a context per render would cost a scope, a
/// dictionary and the model each time). Before each render it takes the renderer's options and limits and points the
/// model at the invitation; before each part it restarts the step and recursion counters and the deadline. A render
/// that fails leaves the context mid-render: the renderer then drops it.
/// </summary>
internal sealed class LiquidContext : TemplateContext
{
    /// <summary>The longest one part may render: the last stop for work that steps do not count (a filter on a long string).</summary>
    private const long DeadlineMilliseconds = 2_000;

    private static readonly TemplateLimits DefaultLimits = new();

    private long _deadline;

    private IClock? _clock;

    public LiquidContext(ModelValue model, TemplateOptions options)
        : base(model, options)
    {
        ModelValue = model;

        // Liquid's `now` (and `'now' | date`) reads the library's clock, so a host's TimeProvider and a test's fake clock
        // decide it as they decide every other instant; the delegate is made once per context, not per render.
        Now = CurrentTime;
    }

    /// <summary>The model this context reads variables from.</summary>
    public ModelValue ModelValue { get; }

    /// <summary>The limits of the current render.</summary>
    public TemplateLimits Limits { get; private set; } = DefaultLimits;

    /// <summary>The limits of the render <paramref name="context"/> belongs to (the defaults for a context of another kind).</summary>
    public static TemplateLimits LimitsOf(TemplateContext context) => (context as LiquidContext)?.Limits ?? DefaultLimits;

    /// <summary>Prepares a render: the renderer's options, limits and clock, the model.</summary>
    public void Begin(TemplateOptions options, TemplateLimits limits, IClock clock, TemplateModel model)
    {
        Options = options;
        _clock = clock;
        MaxSteps = options.MaxSteps;
        Limits = limits;
        ModelValue.Set(model);
    }

    /// <summary>Forgets the model (its values include the raw token) once the render is over.</summary>
    public void End() => ModelValue.Set(null);

    private DateTimeOffset CurrentTime() =>
        (_clock ?? throw new InvalidOperationException("A Liquid context read the time outside a render.")).GetCurrentInstant().ToDateTimeOffset();

    /// <summary>Restarts the counters for one part (subject, HTML or text): each part has the whole budget.</summary>
    public void BeginPart()
    {
        _steps = 0;
        _recursion = 0;
        _deadline = Environment.TickCount64 + DeadlineMilliseconds;
    }

    /// <summary>Whether the part has run out of steps (Fluid reports that and too deep a recursion with one message).</summary>
    public bool StepsExhausted => MaxSteps > 0 && _steps > MaxSteps;

    /// <summary>Throws once the part has run longer than its deadline.</summary>
    public void CheckDeadline()
    {
        if (Environment.TickCount64 > _deadline)
        {
            throw new TemplateLimitException(
                string.Create(CultureInfo.InvariantCulture, $"The template ran longer than {DeadlineMilliseconds} ms."));
        }
    }
}
