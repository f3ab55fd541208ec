using System.Diagnostics;

namespace Invitations.Diagnostics;

/// <summary>The W3C trace context an outbox item is saved with: the current span's <c>traceparent</c>, whichever source started it.</summary>
internal static class TraceContext
{
    /// <summary>The current span's <c>traceparent</c>, or null when there is none (nothing is allocated then).</summary>
    public static string? Current() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;

    /// <summary>Parses a stored <c>traceparent</c>; false for null or malformed text (an item saved before the column existed, or by a host).</summary>
    public static bool TryParse(string? traceParent, out ActivityContext context)
    {
        context = default;
        return traceParent is { Length: > 0 } && ActivityContext.TryParse(traceParent, traceState: null, isRemote: true, out context);
    }
}
