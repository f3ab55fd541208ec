using NodaTime;

namespace Invitations.Internal;

/// <summary>
/// NodaTime's <see cref="IClock"/> over the host's <see cref="TimeProvider"/>: the library reads one clock, so a host
/// (or a test with <c>FakeTimeProvider</c>) that replaces <see cref="TimeProvider"/> moves expiry, leases and the
/// background loops together. NodaTime stays the type of every instant, zone and formatted time. Shared as linked
/// source by the packages that need a clock.
/// </summary>
internal sealed class TimeProviderClock(TimeProvider time) : IClock
{
    public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(time.GetUtcNow());
}
