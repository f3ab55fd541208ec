namespace Invitations.Delivery;

/// <summary>
/// When the background dispatcher's loop last went round (on the host's <see cref="TimeProvider"/>): the dispatcher
/// health check compares it with <see cref="DeliveryOptions.PollInterval"/>. One long field, written by one loop.
/// </summary>
internal sealed class DispatcherHeartbeat
{
    private long _lastUtcTicks = long.MinValue;

    /// <summary>The last beat, or null before the loop first ran (or when it runs nowhere on this instance).</summary>
    public DateTimeOffset? Last => Interlocked.Read(ref _lastUtcTicks) is var ticks && ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    /// <summary>Records a turn of the loop.</summary>
    public void Beat(DateTimeOffset now) => Interlocked.Exchange(ref _lastUtcTicks, now.UtcTicks);
}
