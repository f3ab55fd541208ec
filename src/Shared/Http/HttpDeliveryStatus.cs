namespace Invitations.Http;

/// <summary>
/// The one rule mapping an HTTP status to a delivery outcome, for every HTTP adapter (linked source from
/// <c>src/Shared</c>): 2xx delivered; 408 Request Timeout, 429 Too Many Requests and 5xx transient (the peer or a
/// hop in front of it may answer differently next time); everything else, 3xx included (redirects are never
/// followed), permanent.
/// </summary>
internal static class HttpDeliveryStatus
{
    /// <summary>Classifies <paramref name="statusCode"/>.</summary>
    /// <param name="statusCode">The response's status code.</param>
    /// <returns>The delivery status it stands for.</returns>
    public static DeliveryStatus Classify(int statusCode) => statusCode switch
    {
        >= 200 and <= 299 => DeliveryStatus.Delivered,
        408 or 429 or (>= 500 and <= 599) => DeliveryStatus.TransientFailure,
        _ => DeliveryStatus.PermanentFailure,
    };
}
