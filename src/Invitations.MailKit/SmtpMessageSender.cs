using System.Globalization;
using System.Net.Sockets;
using Invitations.Diagnostics;
using Invitations.MailKit.Internal;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Invitations.Internal;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Invitations.MailKit;

/// <summary>
/// Sends invitation e-mails through an SMTP server with MailKit.
/// </summary>
/// <remarks>
/// <para>
/// One connected and authenticated <see cref="SmtpClient"/> is kept and reused for consecutive sends
/// (a batch of invitations costs one connection and one login); sends are serialized on it. A reused
/// connection that turns out to be dead is replaced once within the same attempt.
/// </para>
/// <para>
/// Every header-bound value is checked again (CR, LF, NUL, other controls, U+0085, U+2028, U+2029, also
/// inside RFC 2047 encoded-words); a message carrying one is refused with a permanent failure. The
/// <c>Message-ID</c> is <c>&lt;{MessageId}@{domain of FromAddress}&gt;</c>, the same on every retry.
/// </para>
/// <para>
/// SMTP 4xx replies, protocol and network errors, TLS and authentication failures and timeouts are transient
/// failures; SMTP 5xx replies (for example <c>550 5.1.1</c>) are permanent failures whose detail carries the
/// server's reply. Logs name recipients only in redacted form and never contain a body.
/// </para>
/// </remarks>
public sealed class SmtpMessageSender : IMessageSender, IAsyncDisposable, IDisposable
{
    private readonly SmtpSenderOptions _options;
    private readonly MailDefaults _defaults;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SmtpClient? _client;
    private int _disposed;

    /// <summary>Creates the sender.</summary>
    /// <param name="options">The SMTP settings; validated here as well as at startup.</param>
    /// <param name="logger">The logger, if any.</param>
    /// <param name="timeProvider">The clock for the <c>Date</c> header; the system clock when null.</param>
    /// <exception cref="OptionsValidationException">The settings are invalid.</exception>
    public SmtpMessageSender(IOptions<SmtpSenderOptions> options, ILogger<SmtpMessageSender>? logger = null, TimeProvider? timeProvider = null)
    {
        _options = ValidatedOptions.Get(options, new SmtpSenderOptionsValidator());

        _defaults = new MailDefaults(_options.FromAddress, _options.FromName, _options.ReplyTo, _options.AllowMessageOverrides);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public bool CanSend(MessageChannel channel) => channel == MessageChannel.Email;

    /// <inheritdoc />
    public async ValueTask<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var recipient = Redact.Address(message.To);

        if (message.Channel != MessageChannel.Email)
        {
            return Permanent(message, recipient, $"SmtpMessageSender sends e-mail only, not {message.Channel}");
        }

        if (!MimeMessageFactory.TryCreate(message, _defaults, _time.GetUtcNow(), out var mime, out var refusal))
        {
            return Permanent(message, recipient, refusal);
        }

        using (mime)
        {
            // Sends share one connection: wait for it (only the caller can cancel the wait), then the
            // Timeout budget covers this message's own SMTP dialogue, reconnecting included.
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.Timeout);
                return await SendLockedAsync(message, recipient, mime, timeout.Token, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private async Task<DeliveryResult> SendLockedAsync(
        OutgoingMessage message,
        string recipient,
        MimeMessage mime,
        CancellationToken token,
        CancellationToken callerToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var reused = _client is { IsConnected: true };
            try
            {
                var client = await GetClientAsync(token).ConfigureAwait(false);
                await client.SendAsync(mime, token).ConfigureAwait(false);
                Log.Sent(_logger, message.MessageId, recipient);
                return DeliveryResult.Delivered();
            }
            catch (Exception ex) when (callerToken.IsCancellationRequested)
            {
                // The caller gave up (MailKit may surface that as an I/O error): the SMTP dialogue is in an
                // unknown state, so the connection goes, and the caller gets its cancellation.
                DropClient();
                if (ex is OperationCanceledException)
                {
                    throw;
                }

                throw new OperationCanceledException("The send was cancelled by the caller.", ex, callerToken);
            }
            catch (Exception ex) when (reused && attempt == 0 && !token.IsCancellationRequested && IsStaleConnection(ex))
            {
                // The server closed the idle connection (or it broke): reconnect once and resend.
                var reason = ex.GetType().Name;
                Log.Reconnecting(_logger, reason);
                DropClient();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || token.IsCancellationRequested)
            {
                var result = Classify(ex, token.IsCancellationRequested);
                if (ex is not SmtpCommandException || _client is not { IsConnected: true })
                {
                    DropClient();
                }

                return result.Status == DeliveryStatus.PermanentFailure
                    ? Permanent(message, recipient, result.Detail!)
                    : Transient(message, recipient, result.Detail!);
            }
        }
    }

    private async Task<SmtpClient> GetClientAsync(CancellationToken token)
    {
        if (_client is { IsConnected: true } connected)
        {
            return connected;
        }

        DropClient();
        var client = new SmtpClient
        {
            Timeout = (int)Math.Min(int.MaxValue, _options.Timeout.TotalMilliseconds),
            CheckCertificateRevocation = _options.CheckCertificateRevocation,
        };
        if (_options.ServerCertificateValidationCallback is { } callback)
        {
            client.ServerCertificateValidationCallback = callback;
        }

        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, ToSocketOptions(_options.Security), token).ConfigureAwait(false);
            var userName = _options.UserName;
            var authenticate = false;
            if (!string.IsNullOrEmpty(userName))
            {
                authenticate = true;
                await client.AuthenticateAsync(userName, _options.Password ?? string.Empty, token).ConfigureAwait(false);
            }

            // Core hands over ASCII addresses only (an IDN domain as punycode). With SMTPUTF8 MailKit would send
            // MimeKit's Unicode form of the domain instead; without it the envelope carries the address as stored.
            client.Capabilities &= ~SmtpCapabilities.UTF8;
            Log.Connected(_logger, _options.Host, _options.Port, _options.Security, authenticate);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _client = client;
        return client;
    }

    private void DropClient()
    {
        var client = _client;
        _client = null;
        client?.Dispose();
    }

    /// <summary>Maps an exception from connecting, authenticating or sending to a delivery result.</summary>
    /// <param name="ex">The exception.</param>
    /// <param name="timedOut">Whether the attempt's own timeout fired.</param>
    /// <returns>The classified result.</returns>
    internal static DeliveryResult Classify(Exception ex, bool timedOut)
    {
        switch (ex)
        {
            case SmtpCommandException command:
                var code = (int)command.StatusCode;
                var reply = string.Create(CultureInfo.InvariantCulture, $"{code} {command.Message}");
                return code >= 500 && code < 600
                    ? DeliveryResult.Permanent(reply)
                    : DeliveryResult.Transient(reply);
            case OperationCanceledException or TimeoutException when timedOut || ex is TimeoutException:
                return DeliveryResult.Transient("timed out talking to the SMTP server");
            case SmtpProtocolException:
                return DeliveryResult.Transient("SMTP protocol error: " + ex.Message);
            case AuthenticationException:
                return DeliveryResult.Transient("SMTP authentication failed (check UserName/Password): " + ex.Message);
            case SslHandshakeException:
                return DeliveryResult.Transient("TLS handshake with the SMTP server failed: " + FirstLine(ex.Message));
            case SocketException socket:
                return DeliveryResult.Transient($"cannot connect to the SMTP server: {socket.SocketErrorCode}");
            case ServiceNotAuthenticatedException:
                return DeliveryResult.Transient("the SMTP server requires authentication or TLS first (check UserName/Password and Security): " + ex.Message);
            case IOException or ServiceNotConnectedException:
                return DeliveryResult.Transient("SMTP connection failed: " + ex.Message);
            case NotSupportedException:
                return DeliveryResult.Transient("SMTP server does not support what the configuration requires: " + ex.Message);
            default:
                return DeliveryResult.Transient($"unexpected {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static bool IsStaleConnection(Exception ex) =>
        ex is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException ||
        (ex is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable });

    private static SecureSocketOptions ToSocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security)),
    };

    // A server's reply may quote the message (and so the link, possibly quoted-printable): scrub it before it is
    // logged or handed back.
    private DeliveryResult Permanent(OutgoingMessage message, string recipient, string detail)
    {
        detail = SecretScrubber.Scrub(detail);
        Log.PermanentFailure(_logger, message.MessageId, recipient, Redact.AddressIn(detail, message.To));
        return DeliveryResult.Permanent(detail);
    }

    private DeliveryResult Transient(OutgoingMessage message, string recipient, string detail)
    {
        detail = SecretScrubber.Scrub(detail);
        Log.TransientFailure(_logger, message.MessageId, recipient, Redact.AddressIn(detail, message.To));
        return DeliveryResult.Transient(detail);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    /// <summary>Says goodbye to the server (<c>QUIT</c>) and closes the connection.</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_client is { IsConnected: true } client)
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await client.DisconnectAsync(true, quit.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or
                    SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException)
                {
                    // Closing anyway.
                }
            }

            DropClient();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the connection without waiting for the server.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _gate.Wait();
        try
        {
            DropClient();
        }
        finally
        {
            _gate.Release();
        }
    }
}
