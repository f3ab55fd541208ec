using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Invitations.Http;
using Invitations.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Webhooks;

/// <summary>
/// An <see cref="IWebhookSink"/> that POSTs each fact as JSON (<see cref="InvitationJson.SerializeFact(InvitationFact)"/>) to every
/// enabled endpoint whose <see cref="WebhookEndpoint.EventTypes"/> match, signed per Standard Webhooks 1.0
/// (<c>webhook-id</c> = the fact id, <c>webhook-timestamp</c>, <c>webhook-signature</c> with one <c>v1</c>
/// signature per secret). Redirects are never followed; non-public destinations are refused unless
/// <see cref="WebhookSinkOptions.AllowPrivateNetworkDestinations"/> is set. Register it with
/// <c>AddInvitations().UseWebhooks(...)</c>.
/// </summary>
/// <remarks>
/// <para>Each endpoint is its own outbox lane (<see cref="LaneName"/>): the dispatcher keeps its delivery progress in
/// the store, delivers to it in order per invitation, retries it on its own schedule, and never holds one endpoint's
/// facts back for another, also across restarts (an endpoint that acknowledged a fact is not POSTed it again).</para>
/// <para>Per endpoint: 2xx (any body) delivered; 410 Gone disables the endpoint for the life of the process and
/// counts as delivered; 408, 429, 5xx, timeouts and connection errors are transient (<c>Retry-After</c> honoured
/// up to <see cref="WebhookSinkOptions.MaxRetryAfter"/>); 3xx and every other status are permanent; a refused
/// (non-public) destination is permanent.</para>
/// <para>An endpoint that asked to wait (<c>Retry-After</c>), or did not answer within the timeout (for
/// <see cref="WebhookSinkOptions.PauseAfterNoResponse"/>), is not POSTed to again before that time: the facts it
/// still owes stay transient for it without a request, so it costs the other endpoints neither a connection nor
/// a timeout. For a fact saved before lanes (one item for every endpoint, delivered with
/// <see cref="DeliverAsync(InvitationFact, CancellationToken)"/>): transient while any endpoint failed transiently, with the <em>soonest</em> wait any of
/// them asked for (so one endpoint's long wait never delays another's retry), else permanent if any endpoint
/// failed permanently, else delivered. Endpoints that already answered (success or
/// permanent failure) for a fact id are remembered in a bounded in-memory cache and not POSTed again when the
/// dispatcher retries that fact; after a restart or eviction they may receive it again (at-least-once).</para>
/// </remarks>
public sealed partial class WebhookSink : IWebhookSink
{
    /// <summary>The name of the <see cref="HttpClient"/> the sink takes from <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "Invitations.Webhooks";

    /// <summary>The sink's <see cref="Name"/>, the prefix of every endpoint's lane.</summary>
    public const string SinkName = "Invitations.Webhooks";

    /// <summary>How many fact ids the per-fact outcome cache remembers.</summary>
    internal const int OutcomeCacheCapacity = 10_000;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<WebhookSinkOptions> _options;
    private readonly ILogger _logger;
    private readonly IClock _clock;
    private readonly ConcurrentDictionary<string, bool> _gone = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Instant> _notBefore = new(StringComparer.Ordinal);
    private readonly OutcomeCache _outcomes = new(OutcomeCacheCapacity);

    /// <summary>Creates the sink (normally done by dependency injection).</summary>
    /// <param name="httpClientFactory">Provides the <see cref="HttpClientName"/> client.</param>
    /// <param name="options">The validated options.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <param name="clock">The clock for <c>webhook-timestamp</c>; the system clock when null.</param>
    public WebhookSink(
        IHttpClientFactory httpClientFactory,
        IOptionsMonitor<WebhookSinkOptions> options,
        ILogger<WebhookSink>? logger = null,
        IClock? clock = null)
    {
        _httpClientFactory = httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _clock = clock ?? new TimeProviderClock(TimeProvider.System);
    }

    /// <inheritdoc />
    public string Name => SinkName;

    /// <summary>The outbox lane of the endpoint named <paramref name="endpointName"/>: <c>Invitations.Webhooks/{name}</c>.</summary>
    /// <param name="endpointName">The endpoint name.</param>
    /// <returns>The lane.</returns>
    public static string LaneName(string endpointName) => SinkName + "/" + endpointName;

    /// <summary>One lane per enabled endpoint that takes the fact's type (and did not answer 410 Gone).</summary>
    /// <param name="fact">The fact about to be saved.</param>
    /// <returns>The endpoints' lanes.</returns>
    public IReadOnlyList<string> LanesFor(InvitationFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var lanes = new List<string>(_options.CurrentValue.Endpoints.Count);
        foreach (var endpoint in _options.CurrentValue.Endpoints)
        {
            if (endpoint.Enabled && !_gone.ContainsKey(endpoint.Name) && Accepts(endpoint, fact.Type))
            {
                lanes.Add(LaneName(endpoint.Name));
            }
        }

        return lanes;
    }

    /// <summary>
    /// POSTs the fact to the one endpoint of <paramref name="lane"/>. An endpoint that is no longer configured, is
    /// disabled or answered 410 Gone owes nothing: delivered without a request.
    /// </summary>
    /// <param name="fact">The fact.</param>
    /// <param name="lane">The endpoint's lane (<see cref="LaneName"/>).</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>How the attempt ended.</returns>
    public async ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact, string lane, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(lane);
        var options = _options.CurrentValue;
        var name = lane.StartsWith(SinkName + "/", StringComparison.Ordinal) ? lane[(SinkName.Length + 1)..] : null;
        var endpoint = name is null ? null : options.Endpoints.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));
        if (endpoint is null || !endpoint.Enabled || _gone.ContainsKey(endpoint.Name))
        {
            return DeliveryResult.Delivered();
        }

        return await SendOrWaitAsync(options, endpoint, fact.Id.ToString(), InvitationJson.SerializeFact(fact), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the endpoint named <paramref name="endpointName"/> was disabled by a 410 Gone answer.</summary>
    /// <param name="endpointName">The endpoint name.</param>
    /// <returns>True when the endpoint is disabled for the life of this sink.</returns>
    public bool IsDisabledByReceiver(string endpointName) => _gone.ContainsKey(endpointName);

    /// <inheritdoc />
    public async ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var options = _options.CurrentValue;
        var webhookId = fact.Id.ToString();
        var outcome = _outcomes.GetOrAdd(webhookId);

        var targets = options.Endpoints
            .Where(e => e.Enabled && !_gone.ContainsKey(e.Name) && Accepts(e, fact.Type) && !outcome.IsSettled(e.Name))
            .ToList();

        if (targets.Count > 0)
        {
            var body = InvitationJson.SerializeFact(fact);
            var results = await Task.WhenAll(targets.Select(e => SendOrWaitAsync(options, e, webhookId, body, cancellationToken))).ConfigureAwait(false);
            for (var i = 0; i < targets.Count; i++)
            {
                outcome.Record(targets[i].Name, results[i]);
            }

            var transient = results.Where(r => r.Status == DeliveryStatus.TransientFailure).ToList();
            if (transient.Count > 0)
            {
                // The soonest wait: an endpoint that asked for longer is skipped until its own time (see SendOrWaitAsync).
                var retryAfter = transient.Any(r => r.RetryAfter is null) ? null : transient.Min(r => r.RetryAfter);
                return DeliveryResult.Transient(string.Join("; ", transient.Select(r => r.Detail)), retryAfter);
            }
        }

        var permanent = outcome.PermanentFailures();
        return permanent.Count > 0 ? DeliveryResult.Permanent(string.Join("; ", permanent)) : DeliveryResult.Delivered();
    }

    private static bool Accepts(WebhookEndpoint endpoint, string factType) =>
        endpoint.EventTypes.Count == 0 || endpoint.EventTypes.Contains(factType, StringComparer.OrdinalIgnoreCase);

    private Task<DeliveryResult> SendOrWaitAsync(WebhookSinkOptions options, WebhookEndpoint endpoint, string webhookId, byte[] body, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        if (_notBefore.TryGetValue(endpoint.Name, out var notBefore))
        {
            if (now < notBefore)
            {
                var wait = notBefore - now;
                return Task.FromResult(DeliveryResult.Transient(
                    FormattableString.Invariant($"endpoint '{endpoint.Name}': paused for {wait.TotalSeconds:0} more s (Retry-After or no response)"), wait));
            }

            _notBefore.TryRemove(new KeyValuePair<string, Instant>(endpoint.Name, notBefore));
        }

        return SendAsync(options, endpoint, webhookId, body, cancellationToken);
    }

    private async Task<DeliveryResult> SendAsync(WebhookSinkOptions options, WebhookEndpoint endpoint, string webhookId, byte[] body, CancellationToken cancellationToken)
    {
        var name = endpoint.Name;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            var timestamp = _clock.GetCurrentInstant().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
            request.Headers.TryAddWithoutValidation(WebhookHeaders.Id, webhookId);
            request.Headers.TryAddWithoutValidation(WebhookHeaders.Timestamp, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation(WebhookHeaders.Signature, WebhookSigner.Sign(webhookId, timestamp, body, endpoint.Secrets));

            var client = _httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return Classify(options, endpoint, response);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The dispatcher delivers one fact after another: an endpoint that hangs would cost every later fact (of
            // every invitation, for every other endpoint) a whole Timeout. Pause it instead.
            if (options.PauseAfterNoResponse > TimeSpan.Zero)
            {
                _notBefore[name] = _clock.GetCurrentInstant() + Duration.FromTimeSpan(options.PauseAfterNoResponse);
            }

            LogTransient(_logger, name, "timeout");
            return DeliveryResult.Transient(FormattableString.Invariant($"endpoint '{name}': no response within {options.Timeout.TotalSeconds:0.###} s"));
        }
        catch (HttpRequestException ex) when (FindRefusal(ex) is { } refusal)
        {
            LogRefused(_logger, name);
            return DeliveryResult.Permanent($"endpoint '{name}': refused before connecting: {refusal.Message}");
        }
        catch (HttpRequestException ex)
        {
            var reason = ex.HttpRequestError.ToString();
            LogTransient(_logger, name, reason);
            return DeliveryResult.Transient($"endpoint '{name}': connection failed ({reason})");
        }
    }

    private DeliveryResult Classify(WebhookSinkOptions options, WebhookEndpoint endpoint, HttpResponseMessage response)
    {
        var name = endpoint.Name;
        var code = (int)response.StatusCode;
        var status = FormattableString.Invariant($"HTTP {code} {response.ReasonPhrase}").TrimEnd();
        if (response.StatusCode == HttpStatusCode.Gone)
        {
            _gone[name] = true;
            LogGone(_logger, name);
            return DeliveryResult.Delivered();
        }

        var outcome = HttpDeliveryStatus.Classify(code);
        if (outcome == DeliveryStatus.Delivered)
        {
            return DeliveryResult.Delivered();
        }

        if (outcome == DeliveryStatus.TransientFailure)
        {
            var now = _clock.GetCurrentInstant();
            var retryAfter = RetryAfter.Read(response.Headers.RetryAfter, now.ToDateTimeOffset(), options.MaxRetryAfter);
            if (retryAfter is { } wait && wait > Duration.Zero)
            {
                _notBefore[name] = now + wait;
            }

            LogTransient(_logger, name, status);
            return DeliveryResult.Transient($"endpoint '{name}': {status}", retryAfter);
        }

        var detail = code is >= 300 and <= 399 ? $"endpoint '{name}': {status} (redirects are not followed)" : $"endpoint '{name}': {status}";
        LogPermanent(_logger, name, status);
        return DeliveryResult.Permanent(detail);
    }

    private static DestinationRefusedException? FindRefusal(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is DestinationRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    [LoggerMessage(1, LogLevel.Warning, "Webhook endpoint '{EndpointName}' answered 410 Gone; it is disabled and receives no more facts until the application restarts. Remove it from the configuration.")]
    private static partial void LogGone(ILogger logger, string endpointName);

    [LoggerMessage(2, LogLevel.Information, "Webhook delivery to endpoint '{EndpointName}' failed transiently ({Reason}); it will be retried.")]
    private static partial void LogTransient(ILogger logger, string endpointName, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Webhook delivery to endpoint '{EndpointName}' failed permanently ({Reason}).")]
    private static partial void LogPermanent(ILogger logger, string endpointName, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Webhook endpoint '{EndpointName}' was refused before connecting: its host resolves only to non-public addresses and AllowPrivateNetworkDestinations is false.")]
    private static partial void LogRefused(ILogger logger, string endpointName);

    /// <summary>Per fact id: which endpoints already delivered or failed permanently. Bounded, FIFO eviction.</summary>
    internal sealed class OutcomeCache(int capacity)
    {
        private readonly Dictionary<string, FactOutcome> _entries = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();
        private readonly object _lock = new();

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _entries.Count;
                }
            }
        }

        public FactOutcome GetOrAdd(string factId)
        {
            lock (_lock)
            {
                if (_entries.TryGetValue(factId, out var existing))
                {
                    return existing;
                }

                while (_entries.Count >= capacity && _order.TryDequeue(out var oldest))
                {
                    _entries.Remove(oldest);
                }

                var created = new FactOutcome();
                _entries.Add(factId, created);
                _order.Enqueue(factId);
                return created;
            }
        }
    }

    /// <summary>The settled endpoints of one fact.</summary>
    internal sealed class FactOutcome
    {
        private readonly ConcurrentDictionary<string, string?> _settled = new(StringComparer.Ordinal);

        public bool IsSettled(string endpointName) => _settled.ContainsKey(endpointName);

        public void Record(string endpointName, DeliveryResult result)
        {
            if (result.Status == DeliveryStatus.Delivered)
            {
                _settled[endpointName] = null;
            }
            else if (result.Status == DeliveryStatus.PermanentFailure)
            {
                _settled[endpointName] = result.Detail;
            }
        }

        public List<string> PermanentFailures() =>
            _settled.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value!).ToList();
    }
}
