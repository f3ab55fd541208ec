using System.Net.Http.Headers;
using NodaTime;

namespace Invitations.Http;

/// <summary>
/// Reads an HTTP <c>Retry-After</c> header (delta seconds or an HTTP date) as a wait from <c>now</c>, capped. One
/// parser for every adapter (linked source from <c>src/Shared</c>): the caller passes the current time from its
/// injected clock, so a date is measured against the same clock as everything else.
/// </summary>
internal static class RetryAfter
{
    /// <summary>The default cap: a peer may push one retry at most this far out.</summary>
    public static readonly TimeSpan DefaultMax = TimeSpan.FromHours(1);

    /// <summary>The longest cap an option may set.</summary>
    public static readonly TimeSpan LimitOfMax = TimeSpan.FromDays(1);

    /// <summary>The wait the peer asked for, between zero and <paramref name="max"/>; null when it asked for none.</summary>
    /// <param name="header">The parsed header, if any.</param>
    /// <param name="now">The current time from the caller's clock.</param>
    /// <param name="max">The cap: a longer wait (ten years, an absurd date) is cut to it.</param>
    /// <returns>The wait, or null.</returns>
    public static Duration? Read(RetryConditionHeaderValue? header, DateTimeOffset now, TimeSpan max)
    {
        TimeSpan wait;
        if (header?.Delta is { } delta)
        {
            wait = delta;
        }
        else if (header?.Date is { } date)
        {
            wait = date - now;
        }
        else
        {
            return null;
        }

        if (wait <= TimeSpan.Zero)
        {
            return Duration.Zero;
        }

        return Duration.FromTimeSpan(wait < max ? wait : max);
    }
}
