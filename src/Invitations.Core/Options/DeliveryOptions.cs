using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Invitations.Internal;

namespace Invitations;

/// <summary>
/// The outbox dispatcher (<see cref="InvitationsOptions.Delivery"/>): when it runs, how much it claims, how it retries.
/// In configuration a duration is written <c>00:00:05</c> or ISO-8601 <c>PT5S</c>.
/// </summary>
public sealed class DeliveryOptions
{
    /// <summary>Whether a dispatch runs right after each save (in the caller's request).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Inline { get; set; } = true;

    /// <summary>
    /// Whether this instance runs the background dispatcher. Set it to <see langword="false"/> on nodes that must not
    /// send (for example web nodes while a worker dispatches); inline dispatch follows <see cref="Inline"/> alone.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How often the background dispatcher polls the outbox when it found nothing to do.</summary>
    /// <value>The default is 5 seconds.</value>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807", ErrorMessage = "Delivery.PollInterval must be positive, for example 00:00:05.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a dispatcher holds an outbox lease; a crashed dispatcher's items are retried after it.</summary>
    /// <value>The default is 2 minutes.</value>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807", ErrorMessage = "Delivery.Lease must be positive, for example 00:02:00.")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many outbox items one dispatch round claims.</summary>
    /// <value>The default is 100.</value>
    [Bounds(1, 10_000, ErrorMessage = "Delivery.BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How many deliveries of one claimed batch may be in flight at once (sends, webhook calls, handler calls). Items of
    /// one queue (invitation, kind and lane) are never in flight together, whatever the value: a batch holds one head
    /// per queue.
    /// </summary>
    /// <value>The default is 8.</value>
    [Bounds(1, 256, ErrorMessage = "Delivery.MaxConcurrency must be between 1 and 256.")]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// Delays before attempts 2, 3, … of a failed delivery. After the last, the item is given up and a message ends in
    /// <c>INVITE_DELIVERY_FAILED</c>; an empty schedule never retries. A list given in configuration replaces this default.
    /// </summary>
    /// <value>The default is the Standard Webhooks schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.</value>
    public IList<TimeSpan> RetrySchedule { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
        TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24),
    ];

    /// <summary>Random spread applied to each retry delay, as a fraction in [0, 1) (0.2 = ±20 %).</summary>
    /// <value>The default is 0.2.</value>
    [Bounds(0.0, 1.0, MaximumIsExclusive = true, ErrorMessage = "Delivery.RetryJitter must be in [0, 1), for example 0.2 for ±20 %.")]
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>
    /// Returns a number in [0, 1) for the retry jitter. Replace it to make retry delays reproducible (tests,
    /// simulations); it must be thread-safe. Not bound from configuration.
    /// </summary>
    /// <value>The default draws from <see cref="RandomNumberGenerator"/> (thread-safe, no shared seed to guess).</value>
    public Func<double> Randomizer { get; set; } = DefaultRandomizer;

    // 2^53 distinct values spread over [0, 1), as Random.NextDouble does; called once per retried item, so the
    // cryptographic generator's cost does not matter and it needs no lock.
    private static double DefaultRandomizer() =>
        (RandomNumberGenerator.GetInt32(1 << 26) * (double)(1 << 27) + RandomNumberGenerator.GetInt32(1 << 27)) / (1L << 53);
}
