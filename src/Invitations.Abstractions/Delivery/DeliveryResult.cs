using NodaTime;

namespace Invitations;

/// <summary>
/// The outcome of one delivery attempt by an <see cref="IMessageSender"/> or <see cref="IWebhookSink"/>.
/// An exception thrown by a sender or sink is treated as a transient failure.
/// </summary>
public sealed record DeliveryResult
{
    private static readonly DeliveryResult DeliveredInstance = new() { Status = DeliveryStatus.Delivered };

    /// <summary>How the attempt ended.</summary>
    public required DeliveryStatus Status { get; init; }

    /// <summary>The peer's reply or the error description (for example <c>550 5.1.1 mailbox unavailable</c>). Never contains a token.</summary>
    public string? Detail { get; init; }

    /// <summary>The earliest time to retry that the peer asked for (HTTP <c>Retry-After</c>), if any.</summary>
    public Duration? RetryAfter { get; init; }

    /// <summary>True when <see cref="Status"/> is <see cref="DeliveryStatus.Delivered"/>.</summary>
    public bool IsDelivered => Status == DeliveryStatus.Delivered;

    /// <summary>A successful delivery.</summary>
    /// <returns>The shared delivered result.</returns>
    public static DeliveryResult Delivered() => DeliveredInstance;

    /// <summary>A failure the dispatcher retries with backoff.</summary>
    /// <param name="detail">What went wrong.</param>
    /// <param name="retryAfter">The peer's requested delay, if any.</param>
    /// <returns>A transient failure.</returns>
    public static DeliveryResult Transient(string detail, Duration? retryAfter = null) =>
        new() { Status = DeliveryStatus.TransientFailure, Detail = detail, RetryAfter = retryAfter };

    /// <summary>A failure the dispatcher does not retry; a message ends in <c>INVITE_DELIVERY_FAILED</c>.</summary>
    /// <param name="detail">What went wrong (the server's reply).</param>
    /// <returns>A permanent failure.</returns>
    public static DeliveryResult Permanent(string detail) =>
        new() { Status = DeliveryStatus.PermanentFailure, Detail = detail };
}
