namespace Invitations.Webhooks;

/// <summary>The outcome of <see cref="WebhookVerifier.Verify(string?, string?, string?, ReadOnlySpan{byte})"/>.</summary>
public enum WebhookVerificationStatus
{
    /// <summary>A <c>v1</c> signature matches one of the verifier's secrets and the timestamp is within tolerance.</summary>
    Valid = 0,

    /// <summary><c>webhook-id</c>, <c>webhook-timestamp</c> or <c>webhook-signature</c> is missing or empty.</summary>
    MissingHeaders = 1,

    /// <summary><c>webhook-timestamp</c> is not a whole, non-negative number of Unix seconds.</summary>
    InvalidTimestamp = 2,

    /// <summary>The timestamp is further in the past than the tolerance (a replay or a stale message).</summary>
    TimestampTooOld = 3,

    /// <summary>The timestamp is further in the future than the tolerance.</summary>
    TimestampTooNew = 4,

    /// <summary>No <c>v1</c> signature matches: the body, id or timestamp was altered, or the secret differs.</summary>
    InvalidSignature = 5,
}
