using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Invitations.Sms.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Sms;

/// <summary>
/// Sends invitation SMS by posting them to an HTTP SMS gateway, as a form or JSON body built from
/// <see cref="HttpSmsOptions.Fields"/>, through the named <see cref="HttpClient"/> <see cref="HttpClientName"/>.
/// </summary>
/// <remarks>
/// 2xx is delivered; 408, 429, 5xx, timeouts and connection errors are transient failures (with the gateway's
/// <c>Retry-After</c> as <see cref="DeliveryResult.RetryAfter"/>); any other status (other 4xx, and 3xx: redirects
/// are not followed) is a permanent failure whose detail carries the status and a short, link-free excerpt of the
/// response. The text is cut to <see cref="HttpSmsOptions.MaxLength"/> without breaking its link. Logs name the
/// recipient only redacted and never contain the text.
/// </remarks>
public sealed partial class HttpSmsSender : IMessageSender
{
    /// <summary>The name of the <see cref="HttpClient"/> this sender uses; configure it with <c>services.AddHttpClient(HttpSmsSender.HttpClientName)</c>.</summary>
    public const string HttpClientName = "Invitations.Sms";

    private const int ExcerptLength = 200;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly HttpSmsOptions _options;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _fields;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates the sender.</summary>
    /// <param name="httpClientFactory">Creates the named client <see cref="HttpClientName"/>.</param>
    /// <param name="options">The gateway settings; validated here as well as at startup.</param>
    /// <param name="logger">The logger, if any.</param>
    /// <param name="timeProvider">The clock a <c>Retry-After</c> date is measured from; the system clock when null.</param>
    /// <exception cref="OptionsValidationException">The settings are invalid.</exception>
    public HttpSmsSender(IHttpClientFactory httpClientFactory, IOptions<HttpSmsOptions> options, ILogger<HttpSmsSender>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        var validation = new HttpSmsOptionsValidator().Validate(Options.DefaultName, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(HttpSmsOptions), validation.Failures);
        }

        _fields = HttpSmsOptionsValidator.EffectiveFields(_options);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public bool CanSend(MessageChannel channel) => channel == MessageChannel.Sms;

    /// <inheritdoc />
    public async ValueTask<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var recipient = Redact.Phone(message.To);
        if (message.Channel != MessageChannel.Sms)
        {
            return Permanent(message, recipient, $"HttpSmsSender sends SMS only, not {message.Channel}");
        }

        if (!E164().IsMatch(message.To ?? string.Empty))
        {
            return Permanent(message, recipient, "refused: the recipient is not an E.164 number (+ and 2 to 15 digits)");
        }

        var text = SmsText.Cut(message.TextBody ?? string.Empty, _options.MaxLength);
        if (text is null)
        {
            return Permanent(message, recipient, $"refused: the link in the SMS is longer than MaxLength ({_options.MaxLength})");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint) { Content = BuildContent(message, text) };
        AddHeaders(request);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var client = _httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                Log.Sent(_logger, message.MessageId, recipient, status);
                return DeliveryResult.Delivered();
            }

            var excerpt = await ReadExcerptAsync(response, message.To!, timeout.Token).ConfigureAwait(false);
            var detail = string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase}") +
                (excerpt.Length == 0 ? string.Empty : ": " + excerpt);
            if (status is 408 or 429 || status >= 500)
            {
                return Transient(message, recipient, detail, RetryAfter(response.Headers.RetryAfter));
            }

            return Permanent(message, recipient, detail);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HttpRequestException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The send was cancelled by the caller.", ex, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return Transient(message, recipient, string.Create(CultureInfo.InvariantCulture, $"timed out after {_options.Timeout.TotalSeconds:0.###} s"), null);
        }
        catch (HttpRequestException ex)
        {
            return Transient(message, recipient, $"request failed ({ex.HttpRequestError}): {ex.Message}", null);
        }
    }

    private HttpContent BuildContent(OutgoingMessage message, string text)
    {
        var values = new List<KeyValuePair<string, string>>(_fields.Count);
        foreach (var (name, template) in _fields)
        {
            values.Add(new(name, Substitute(template ?? string.Empty, message, text)));
        }

        if (_options.BodyFormat == SmsBodyFormat.Json)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var (name, value) in values)
                {
                    writer.WriteString(name, value);
                }

                writer.WriteEndObject();
            }

            var content = new ByteArrayContent(buffer.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return content;
        }

        return new FormUrlEncodedContent(values);
    }

    private string Substitute(string template, OutgoingMessage message, string text) =>
        HttpSmsOptionsValidator.Placeholder().Replace(template, m => m.Groups[1].Value switch
        {
            "to" => message.To,
            "text" => text,
            "message_id" => message.MessageId,
            "from" => _options.From ?? string.Empty,
            "invitation_id" => message.InvitationId.ToString(),
            "locale" => message.Locale ?? string.Empty,
            "template_key" => message.TemplateKey,
            _ => m.Value,
        });

    private void AddHeaders(HttpRequestMessage request)
    {
        if (!string.IsNullOrEmpty(_options.BearerToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.BearerToken);
        }
        else if (!string.IsNullOrEmpty(_options.BasicUserName))
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(_options.BasicUserName + ":" + _options.BasicPassword));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }

        foreach (var (name, value) in _options.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private static async Task<string> ReadExcerptAsync(HttpResponseMessage response, string to, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[2048];
                var read = 0;
                while (read < buffer.Length)
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                return Sanitize(Encoding.UTF8.GetString(buffer, 0, read), to);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>
    /// Makes a response body safe for <see cref="DeliveryResult.Detail"/>: links (which could carry an invitation
    /// token the gateway echoed) and the recipient's number are removed, control characters collapsed, length capped.
    /// </summary>
    /// <param name="body">The response body.</param>
    /// <param name="to">The recipient's number.</param>
    /// <returns>At most 200 characters.</returns>
    internal static string Sanitize(string body, string to)
    {
        var text = LinkOrToken().Replace(body, "[redacted]");
        if (!string.IsNullOrEmpty(to))
        {
            text = text.Replace(to, Redact.Phone(to), StringComparison.Ordinal);
        }

        text = Whitespace().Replace(text, " ").Trim();
        return text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";
    }

    // Links, and long base64url runs (a token echoed without its link).
    [GeneratedRegex(@"(https?://\S+)|([A-Za-z0-9_\-]{32,})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LinkOrToken();

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    [GeneratedRegex(@"[\s\p{Cc}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    private Duration? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? Duration.Zero : Duration.FromTimeSpan(delta);
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? Duration.Zero : Duration.FromTimeSpan(wait);
        }

        return null;
    }

    private DeliveryResult Permanent(OutgoingMessage message, string recipient, string detail)
    {
        Log.PermanentFailure(_logger, message.MessageId, recipient, detail);
        return DeliveryResult.Permanent(detail);
    }

    private DeliveryResult Transient(OutgoingMessage message, string recipient, string detail, Duration? retryAfter)
    {
        Log.TransientFailure(_logger, message.MessageId, recipient, detail);
        return DeliveryResult.Transient(detail, retryAfter);
    }
}
