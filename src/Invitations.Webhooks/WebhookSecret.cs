using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Invitations.Webhooks;

/// <summary>
/// Webhook signing secrets in the Standard Webhooks form <c>whsec_&lt;base64&gt;</c>, 24 to 64 random bytes
/// (192 to 512 bits) once decoded.
/// </summary>
public static class WebhookSecret
{
    /// <summary>The prefix of every secret.</summary>
    public const string Prefix = "whsec_";

    /// <summary>The fewest key bytes a signing secret may hold.</summary>
    public const int MinBytes = 24;

    /// <summary>The most key bytes a signing secret may hold.</summary>
    public const int MaxBytes = 64;

    /// <summary>Creates a new secret of 32 bytes from <see cref="RandomNumberGenerator"/>.</summary>
    /// <returns>A secret such as <c>whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw…</c>.</returns>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Decodes a <c>whsec_</c> secret whose key is 24 to 64 bytes long. Never throws.
    /// </summary>
    /// <param name="secret">The secret, with its <c>whsec_</c> prefix.</param>
    /// <param name="key">The decoded key when the method returns true.</param>
    /// <returns>True when <paramref name="secret"/> is well formed.</returns>
    public static bool TryDecode([NotNullWhen(true)] string? secret, [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        return TryDecodeBase64(secret.AsSpan(Prefix.Length), MinBytes, MaxBytes, out key);
    }

    /// <summary>Decodes a secret with or without its prefix, accepting any non-empty key (receiver side).</summary>
    internal static bool TryDecodeLenient(string? secret, [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (secret is null)
        {
            return false;
        }

        var text = secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret.AsSpan(Prefix.Length) : secret.AsSpan();
        return TryDecodeBase64(text, 1, int.MaxValue, out key);
    }

    private static bool TryDecodeBase64(ReadOnlySpan<char> text, int min, int max, [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (text.IsEmpty || text.Length > 4096)
        {
            return false;
        }

        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(text, buffer, out var written) || written < min || written > max)
        {
            return false;
        }

        key = buffer.AsSpan(0, written).ToArray();
        CryptographicOperations.ZeroMemory(buffer);
        return true;
    }
}
