using NodaTime;

namespace Invitations.CrashHost;

/// <summary>
/// The system clock moved ahead by a fixed offset: each restarted process runs later than the one before it, past
/// the leases the killed one held, without waiting for them in real time.
/// </summary>
internal sealed class OffsetClock(Duration offset) : IClock
{
    public Instant GetCurrentInstant() => SystemClock.Instance.GetCurrentInstant() + offset;
}
