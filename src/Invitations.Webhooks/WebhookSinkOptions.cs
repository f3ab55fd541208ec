using System.ComponentModel.DataAnnotations;
using Invitations.Internal;

namespace Invitations.Webhooks;

/// <summary>
/// Options of <see cref="WebhookSink"/>, validated when the host starts. Bind them from configuration with
/// <c>UseWebhooks(configuration.GetSection("Invitations:Webhooks"))</c>; a duration is written <c>00:00:15</c> or <c>PT15S</c>.
/// </summary>
public sealed class WebhookSinkOptions
{
    /// <summary>The default <see cref="UserAgent"/>.</summary>
    public static readonly string DefaultUserAgent = $"Invitations.Webhooks/{Invitations.Internal.PackageVersion.Value} (+https://github.com/invitations-dotnet/invitations)";

    /// <summary>The receivers; at least one is required and names must be unique. A list given in configuration replaces this one.</summary>
    /// <value>The default is empty.</value>
    public IList<WebhookEndpoint> Endpoints { get; } = new List<WebhookEndpoint>();

    /// <summary>
    /// How long one POST may take, from connecting to the response headers (at most 5 minutes). A timeout is a
    /// transient failure.
    /// </summary>
    /// <value>The default is 15 seconds, as Svix.</value>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "00:05:00", ErrorMessage = "WebhookSinkOptions.Timeout must be positive and at most 5 minutes, for example 00:00:15.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// When false the sink refuses, before connecting, any destination whose resolved address is
    /// loopback, private, link-local, unique-local, CGNAT, multicast or unspecified (127/8, 10/8, 172.16/12,
    /// 192.168/16, 169.254/16 including the cloud metadata address, 100.64/10, 0/8, ::1, fc00::/7, fe80::/10, …).
    /// Set it to true only for local development and tests; it also permits <c>http</c> URLs.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool AllowPrivateNetworkDestinations { get; set; }

    /// <summary>
    /// The longest wait an endpoint's <c>Retry-After</c> may ask for (1 hour by default, at most 1 day). A longer one
    /// (ten years, a date far ahead) is cut to it: the endpoint is asked again after the cap, and the dispatcher's
    /// retry schedule still bounds how long a fact keeps trying.
    /// </summary>
    // 1 day is RetryAfter.LimitOfMax, the cap shared by every package (written out: an attribute takes constants only).
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "1.00:00:00", ErrorMessage = "WebhookSinkOptions.MaxRetryAfter must be positive and at most 1 day, for example 01:00:00.")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an endpoint that did not answer within <see cref="Timeout"/> is paused (1 minute by default, at most
    /// 1 hour; zero turns pausing off). While paused it gets no request: the facts it owes stay transient for it
    /// and are retried by the dispatcher, so a hanging endpoint does not cost every later fact a whole timeout.
    /// </summary>
    [Bounds(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "WebhookSinkOptions.PauseAfterNoResponse must be between zero (no pause) and 1 hour.")]
    public TimeSpan PauseAfterNoResponse { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The <c>User-Agent</c> header sent with every request.</summary>
    /// <value>The default is <see cref="DefaultUserAgent"/>.</value>
    public string UserAgent { get; set; } = DefaultUserAgent;
}
