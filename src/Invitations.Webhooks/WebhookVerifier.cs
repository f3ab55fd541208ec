using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Invitations.Internal;
using NodaTime;

namespace Invitations.Webhooks;

/// <summary>
/// Verifies Standard Webhooks 1.0 requests (ours or any compliant sender's): the <c>v1</c> HMAC-SHA256
/// signature over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, compared in constant time, and the
/// timestamp within a tolerance (default ±5 minutes) of the clock. Verification never throws on input
/// from the wire; it returns a <see cref="WebhookVerificationStatus"/>. Receivers must still deduplicate on
/// <c>webhook-id</c>: delivery is at least once. Thread-safe.
/// </summary>
public sealed class WebhookVerifier
{
    private const int MaxHeaderLength = 16 * 1024;
    private const int HashBytes = 32;

    private readonly byte[][] _keys;
    private readonly IClock _clock;

    /// <summary>Creates a verifier with the default tolerance (5 minutes) and the system clock.</summary>
    /// <param name="secrets">
    /// One or more secrets (<c>whsec_&lt;base64&gt;</c>, or bare base64 as some senders show them). A request signed
    /// with any of them is accepted, which is how a receiver rotates secrets.
    /// </param>
    /// <exception cref="ArgumentException">No secret, or a secret that is not base64.</exception>
    public WebhookVerifier(params string[] secrets)
        : this(secrets, DefaultTolerance, new TimeProviderClock(TimeProvider.System))
    {
    }

    /// <summary>Creates a verifier.</summary>
    /// <param name="secrets">One or more secrets; see <see cref="WebhookVerifier(string[])"/>.</param>
    /// <param name="tolerance">How far the timestamp may lie in the past or future (positive).</param>
    /// <param name="clock">The clock (inject a fake in tests).</param>
    /// <exception cref="ArgumentException">No secret, a malformed secret, or a non-positive tolerance.</exception>
    public WebhookVerifier(IEnumerable<string> secrets, Duration tolerance, IClock clock)
        : this(DecodeAll(secrets), tolerance, clock)
    {
    }

    /// <summary>Creates a verifier from raw HMAC keys.</summary>
    /// <param name="keys">One or more non-empty keys.</param>
    /// <param name="tolerance">How far the timestamp may lie in the past or future (positive).</param>
    /// <param name="clock">The clock.</param>
    /// <exception cref="ArgumentException">No key, an empty key, or a non-positive tolerance.</exception>
    public WebhookVerifier(IEnumerable<byte[]> keys, Duration tolerance, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(clock);
        _keys = keys.Select(k => k is { Length: > 0 } ? (byte[])k.Clone() : throw new ArgumentException("A key is null or empty.", nameof(keys))).ToArray();
        if (_keys.Length == 0)
        {
            throw new ArgumentException("At least one secret is required.", nameof(keys));
        }

        if (tolerance <= Duration.Zero)
        {
            throw new ArgumentException("The tolerance must be positive.", nameof(tolerance));
        }

        Tolerance = tolerance;
        _clock = clock;
    }

    /// <summary>The default timestamp tolerance: 5 minutes either way (the Standard Webhooks reference value).</summary>
    public static Duration DefaultTolerance { get; } = Duration.FromMinutes(5);

    /// <summary>How far the timestamp may lie in the past or future.</summary>
    public Duration Tolerance { get; }

    /// <summary>Verifies a request from its three header values and exact body bytes.</summary>
    /// <param name="webhookId">The <c>webhook-id</c> header.</param>
    /// <param name="webhookTimestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="webhookSignature">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <returns>The outcome; never throws.</returns>
    public WebhookVerificationStatus Verify(string? webhookId, string? webhookTimestamp, string? webhookSignature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(webhookTimestamp) || string.IsNullOrEmpty(webhookSignature))
        {
            return WebhookVerificationStatus.MissingHeaders;
        }

        // long.TryParse ignores trailing NULs even with NumberStyles.None, so digits only are checked first.
        if (webhookTimestamp.Length > 19 || webhookTimestamp.AsSpan().ContainsAnyExceptInRange('0', '9')
            || !long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return WebhookVerificationStatus.InvalidTimestamp;
        }

        var now = _clock.GetCurrentInstant().ToUnixTimeSeconds();
        var tolerance = (long)Tolerance.TotalSeconds;
        if (now - timestamp > tolerance)
        {
            return WebhookVerificationStatus.TimestampTooOld;
        }

        if (timestamp - now > tolerance)
        {
            return WebhookVerificationStatus.TimestampTooNew;
        }

        if (webhookId.Length > MaxHeaderLength || webhookSignature.Length > MaxHeaderLength)
        {
            return WebhookVerificationStatus.InvalidSignature;
        }

        var expected = new byte[_keys.Length][];
        for (var i = 0; i < _keys.Length; i++)
        {
            expected[i] = WebhookSigner.ComputeHash(_keys[i], webhookId, webhookTimestamp, body);
        }

        Span<byte> candidate = stackalloc byte[48];
        foreach (var part in webhookSignature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = part.IndexOf(',', StringComparison.Ordinal);
            if (comma <= 0 || !part.AsSpan(0, comma).SequenceEqual(WebhookSigner.Version))
            {
                continue;
            }

            var encoded = part.AsSpan(comma + 1);
            if (encoded.Length > 64 || !Convert.TryFromBase64Chars(encoded, candidate, out var written) || written != HashBytes)
            {
                continue;
            }

            foreach (var hash in expected)
            {
                if (CryptographicOperations.FixedTimeEquals(hash, candidate[..HashBytes]))
                {
                    return WebhookVerificationStatus.Valid;
                }
            }
        }

        return WebhookVerificationStatus.InvalidSignature;
    }

    /// <summary>Verifies a request from a header accessor (for example <c>name =&gt; request.Headers[name]</c>).</summary>
    /// <param name="getHeader">Returns a header's value or null; called with the lower-case header names.</param>
    /// <param name="body">The raw request body.</param>
    /// <returns>The outcome; never throws.</returns>
    public WebhookVerificationStatus Verify(Func<string, string?> getHeader, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(getHeader);
        return Verify(getHeader(WebhookHeaders.Id), getHeader(WebhookHeaders.Timestamp), getHeader(WebhookHeaders.Signature), body);
    }

    /// <summary>Verifies a request from its headers (names matched case-insensitively).</summary>
    /// <param name="headers">The request headers.</param>
    /// <param name="body">The raw request body.</param>
    /// <returns>The outcome; never throws.</returns>
    public WebhookVerificationStatus Verify(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(Find(headers, WebhookHeaders.Id), Find(headers, WebhookHeaders.Timestamp), Find(headers, WebhookHeaders.Signature), body);
    }

    /// <summary>Verifies a request whose body is text (encoded as UTF-8 before verifying).</summary>
    /// <param name="headers">The request headers.</param>
    /// <param name="body">The request body.</param>
    /// <returns>The outcome; never throws.</returns>
    public WebhookVerificationStatus Verify(IReadOnlyDictionary<string, string> headers, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Verify(headers, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Verifies a request and, when valid, reads the invitation fact in its body.</summary>
    /// <param name="headers">The request headers.</param>
    /// <param name="body">The raw request body.</param>
    /// <param name="fact">The fact when the method returns true.</param>
    /// <returns>True when the signature is <see cref="WebhookVerificationStatus.Valid"/> and the body is a fact.</returns>
    public bool TryVerifyFact(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, [NotNullWhen(true)] out InvitationFact? fact)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return TryVerifyFact(name => Find(headers, name), body, out fact);
    }

    /// <summary>Verifies a request and, when valid, reads the invitation fact in its body.</summary>
    /// <param name="getHeader">Returns a header's value or null.</param>
    /// <param name="body">The raw request body.</param>
    /// <param name="fact">The fact when the method returns true.</param>
    /// <returns>True when the signature is <see cref="WebhookVerificationStatus.Valid"/> and the body is a fact.</returns>
    public bool TryVerifyFact(Func<string, string?> getHeader, ReadOnlySpan<byte> body, [NotNullWhen(true)] out InvitationFact? fact)
    {
        fact = null;
        if (Verify(getHeader, body) != WebhookVerificationStatus.Valid)
        {
            return false;
        }

        try
        {
            fact = InvitationJson.DeserializeFact(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string? Find(IReadOnlyDictionary<string, string> headers, string name)
    {
        if (headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var pair in headers)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return null;
    }

    private static List<byte[]> DecodeAll(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var keys = new List<byte[]>();
        foreach (var secret in secrets)
        {
            if (!WebhookSecret.TryDecodeLenient(secret, out var key))
            {
                throw new ArgumentException("A webhook secret is not base64 (optionally prefixed with whsec_).", nameof(secrets));
            }

            keys.Add(key);
        }

        return keys;
    }
}
