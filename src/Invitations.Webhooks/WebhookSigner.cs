using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Invitations.Webhooks;

/// <summary>
/// Computes Standard Webhooks 1.0 signatures: <c>v1,</c> followed by the base64 HMAC-SHA256 of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>. Useful to test a receiver.
/// </summary>
public static class WebhookSigner
{
    /// <summary>The only signature version this library produces and checks.</summary>
    public const string Version = "v1";

    /// <summary>
    /// Builds the <c>webhook-signature</c> header value: one space-separated <c>v1,</c> signature per secret
    /// (several secrets during rotation).
    /// </summary>
    /// <param name="webhookId">The <c>webhook-id</c> header value.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> value (Unix seconds).</param>
    /// <param name="body">The exact request body.</param>
    /// <param name="secrets">One or more <c>whsec_</c> secrets (24 to 64 bytes).</param>
    /// <returns>The header value.</returns>
    /// <exception cref="ArgumentException">A secret is malformed or no secret was given.</exception>
    public static string Sign(string webhookId, long timestamp, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(webhookId);
        ArgumentNullException.ThrowIfNull(secrets);
        var header = new StringBuilder();
        foreach (var secret in secrets)
        {
            if (!WebhookSecret.TryDecode(secret, out var key))
            {
                throw new ArgumentException("A webhook secret is not of the form whsec_<base64> with 24 to 64 bytes.", nameof(secrets));
            }

            if (header.Length > 0)
            {
                header.Append(' ');
            }

            header.Append(Version).Append(',').Append(Convert.ToBase64String(ComputeHash(key, webhookId, timestamp.ToString(CultureInfo.InvariantCulture), body)));
            CryptographicOperations.ZeroMemory(key);
        }

        if (header.Length == 0)
        {
            throw new ArgumentException("At least one secret is required.", nameof(secrets));
        }

        return header.ToString();
    }

    /// <summary>HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c>.</summary>
    internal static byte[] ComputeHash(byte[] key, string webhookId, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        var prefix = Encoding.UTF8.GetBytes(webhookId + "." + timestamp + ".");
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
