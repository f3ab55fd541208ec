using System.ComponentModel.DataAnnotations;
using Invitations.Internal;

namespace Invitations.Sms;

/// <summary>
/// Settings of <see cref="HttpSmsSender"/>. Validated when the host starts (<c>ValidateOnStart</c>) and again
/// when the sender is created. Bind them from configuration with <c>UseHttpSms(configuration.GetSection("Invitations:Sms"))</c>;
/// a duration is written <c>00:00:30</c> or <c>PT30S</c>.
/// </summary>
public sealed class HttpSmsOptions
{
    /// <summary>
    /// The gateway's absolute <c>https</c> URL the messages are posted to. Plain <c>http</c> is accepted only for a
    /// loopback host (tests, a local relay). Do not put secrets in its query string: use <see cref="BearerToken"/>,
    /// <see cref="BasicUserName"/> or <see cref="Headers"/>.
    /// </summary>
    /// <value>The default is <see langword="null"/>; required.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>How the body is encoded.</summary>
    /// <value>The default is <see cref="SmsBodyFormat.Form"/>.</value>
    [EnumDataType(typeof(SmsBodyFormat), ErrorMessage = "HttpSmsOptions.BodyFormat is not a known SmsBodyFormat value.")]
    public SmsBodyFormat BodyFormat { get; set; } = SmsBodyFormat.Form;

    /// <summary>
    /// The body's fields: name → value. A value is a constant, or contains placeholders that are replaced per
    /// message: <c>{to}</c> (E.164 number), <c>{text}</c> (the SMS text, cut to <see cref="MaxLength"/> and <see cref="MaxSegments"/>),
    /// <c>{message_id}</c> (stable across retries: a good idempotency key), <c>{from}</c> (<see cref="From"/>),
    /// <c>{invitation_id}</c>, <c>{locale}</c> and <c>{template_key}</c>. When empty, the body is
    /// <c>to={to}&amp;text={text}</c>. The fields must use <c>{to}</c> and <c>{text}</c>.
    /// </summary>
    /// <value>The default is empty: <c>to={to}&amp;text={text}</c>.</value>
    public IDictionary<string, string> Fields { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The sender id or number that replaces <c>{from}</c>, for example <c>+15005550006</c> or <c>ACME</c>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? From { get; set; }

    /// <summary>When set, every request carries <c>Authorization: Bearer {BearerToken}</c>. Never logged.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? BearerToken { get; set; }

    /// <summary>When set, every request carries HTTP Basic authentication with this user name and <see cref="BasicPassword"/>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? BasicUserName { get; set; }

    /// <summary>The password for <see cref="BasicUserName"/>. Never logged.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? BasicPassword { get; set; }

    /// <summary>Extra request headers, for example <c>X-Api-Key</c>. Values are never logged.</summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The longest one request may take; a slower one is a transient failure.</summary>
    /// <value>The default is 30 seconds.</value>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "00:10:00", ErrorMessage = "HttpSmsOptions.Timeout must be positive and at most 10 minutes, for example 00:00:30.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest wait a gateway's <c>Retry-After</c> may ask for (1 hour by default, at most 1 day); a longer one
    /// (ten years, a date far ahead) is cut to it, so one misbehaving answer cannot park a message for good.
    /// </summary>
    // 1 day is RetryAfter.LimitOfMax, the cap shared by every package (written out: an attribute takes constants only).
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "1.00:00:00", ErrorMessage = "HttpSmsOptions.MaxRetryAfter must be positive and at most 1 day, for example 01:00:00.")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The longest text sent, in UTF-16 code units (320 by default, what several gateways recommend staying under).
    /// Longer text is cut without breaking a link: the prose is shortened and the first <c>https://</c> link is kept
    /// whole. <see cref="MaxSegments"/> applies as well.
    /// </summary>
    /// <value>The default is 320.</value>
    [Bounds(20, 10_000, ErrorMessage = "HttpSmsOptions.MaxLength must be between 20 and 10000.")]
    public int MaxLength { get; set; } = 320;

    /// <summary>
    /// The most segments (message parts, each billed as one SMS) a text may be sent as: 3 by default, 1 to 10. Text is
    /// counted as a gateway encodes it: GSM-7 (160 septets in one segment, 153 per segment when concatenated; the
    /// extension characters <c>€ [ ] { } \ ^ ~ |</c> and form feed take two) when every character is in the GSM 7-bit
    /// alphabet, otherwise UCS-2 (70 UTF-16 code units, 67 per segment; an emoji takes two). One emoji thus turns three
    /// segments of up to 459 characters into three of up to 201. Longer text is cut like for <see cref="MaxLength"/>;
    /// a link that alone does not fit is refused.
    /// </summary>
    // Gateways refuse or silently drop longer concatenations (Twilio: 10 segments); more is never an invitation.
    [Bounds(1, 10, ErrorMessage = "HttpSmsOptions.MaxSegments must be between 1 and 10.")]
    public int MaxSegments { get; set; } = 3;
}
