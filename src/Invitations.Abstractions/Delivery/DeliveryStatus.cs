namespace Invitations;

/// <summary>How one delivery attempt ended.</summary>
public enum DeliveryStatus
{
    /// <summary>The peer accepted the message or fact (SMTP 2xx, HTTP 2xx).</summary>
    Delivered = 0,

    /// <summary>A failure worth retrying (SMTP 4xx, HTTP 429/5xx, timeout, connection refused).</summary>
    TransientFailure = 1,

    /// <summary>A failure that retrying cannot fix (SMTP 5xx, invalid recipient, HTTP 4xx). Not retried.</summary>
    PermanentFailure = 2,
}
