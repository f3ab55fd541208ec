using NodaTime;

namespace Invitations.Diagnostics;

/// <summary>
/// The store statistics the observable gauges report, as last read by the maintenance loop: a scrape reads this one
/// reference and never queries the store. Before the first refresh (or on an instance that runs no maintenance, or
/// over a store that reports no statistics) the gauges report nothing.
/// </summary>
internal sealed class OperationalSnapshot
{
    private volatile Entry? _last;

    /// <summary>The last statistics read and the time they were read, or null.</summary>
    public Entry? Last => _last;

    /// <summary>Replaces the cached statistics.</summary>
    public void Update(InvitationStoreStats stats, Instant at) => _last = new Entry(stats, at);

    /// <summary>One reading.</summary>
    public sealed record Entry(InvitationStoreStats Stats, Instant At);
}
