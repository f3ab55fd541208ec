namespace Invitations.Validation;

/// <summary>
/// The one table of length limits for every value that reaches a store: the validator refuses anything longer
/// with a typed error, and the Entity Framework Core model (which compiles this file too) sizes its columns from
/// the same numbers, so no value the validator accepts can overflow a column. Character rules are
/// <c>TextRules.HasForbiddenCharacters</c>: no control character (NUL included, which PostgreSQL refuses in
/// text) and no lone surrogate (which no UTF-8 database can store).
/// </summary>
internal static class FieldLimits
{
    /// <summary>Given and family name, inviter display name, organization id, one group or role.</summary>
    public const int Name = 128;

    /// <summary>An actor's id: the inviter's id and the accepting subject's id (OpenID Connect allows 255 ASCII characters for <c>sub</c>).</summary>
    public const int ActorId = 256;

    /// <summary>A normalized e-mail address (RFC 5321: 254 octets in a path).</summary>
    public const int Email = 254;

    /// <summary>A mobile number in E.164 form (at most 15 digits and the plus sign).</summary>
    public const int MobileNumber = 16;

    /// <summary>The delivery address: an e-mail address or a mobile number.</summary>
    public const int DeliveryAddress = Email;

    /// <summary>One custom field value and the multi-line branding texts.</summary>
    public const int FieldValue = 2048;

    /// <summary>A custom field key.</summary>
    public const int FieldKey = 64;

    /// <summary>
    /// All groups, roles and custom field keys and values of one invitation together: every fact carries them, so this
    /// bounds a fact (and every webhook body) to tens of KiB instead of the hundreds the per-entry limits allow.
    /// </summary>
    public const int GrantsAndFieldsTotal = 16 * 1024;

    /// <summary>A subject line, a title.</summary>
    public const int Subject = 256;

    /// <summary>A branding image URL.</summary>
    public const int ImageUrl = 2048;

    /// <summary>The idempotency key a request supplies (printable ASCII).</summary>
    public const int IdempotencyKey = 255;

    /// <summary>The stored idempotency key: the inviter's id, a line feed and the request's key.</summary>
    public const int StoredIdempotencyKey = ActorId + 1 + IdempotencyKey;

    /// <summary>A BCP 47 language tag.</summary>
    public const int Locale = 35;

    /// <summary>An IANA time zone id (the longest in tzdb is 32 characters).</summary>
    public const int TimeZone = 64;

    /// <summary>A client id and a template key (both come from the host's configuration).</summary>
    public const int ConfiguredKey = 200;

    /// <summary>An outbox lane: a fact receiver's name (<c>IWebhookSink.Name</c>, a webhook endpoint's lane, a handler's name).</summary>
    public const int Lane = 200;
}
