using System.Buffers.Text;
using System.Security.Cryptography;

namespace Invitations.Tokens;

/// <summary>
/// The invitation secret: 256 bits from <see cref="RandomNumberGenerator"/>, written as 43 base64url
/// characters, stored only as its SHA-256 digest. Parsing never throws: anything that is not exactly
/// 43 base64url characters decoding to 32 bytes is simply "not a token".
/// </summary>
internal static class InvitationToken
{
    public const int ByteLength = 32;
    public const int TextLength = 43;
    public const int HashLength = 32;

    /// <summary>Creates a new token and its digest.</summary>
    public static (string Token, byte[] Hash) Create()
    {
        Span<byte> secret = stackalloc byte[ByteLength];
        RandomNumberGenerator.Fill(secret);
        var token = Encode(secret);
        var hash = SHA256.HashData(secret);
        CryptographicOperations.ZeroMemory(secret);
        return (token, hash);
    }

    /// <summary>Computes the digest of a presented token; false (without throwing) for anything malformed.</summary>
    public static bool TryHash(string? token, Span<byte> hash)
    {
        if (token is null || token.Length != TextLength)
        {
            return false;
        }

        Span<byte> secret = stackalloc byte[ByteLength];
        if (!TryDecode(token, secret))
        {
            return false;
        }

        SHA256.HashData(secret, hash);
        CryptographicOperations.ZeroMemory(secret);
        return true;
    }

    /// <summary>Constant-time comparison of two digests.</summary>
    public static bool DigestEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        left.Length == HashLength && CryptographicOperations.FixedTimeEquals(left, right);

    private static string Encode(ReadOnlySpan<byte> secret)
    {
#if NET9_0_OR_GREATER
        return Base64Url.EncodeToString(secret);
#else
        return Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
#endif
    }

    private static bool TryDecode(string token, Span<byte> secret)
    {
        foreach (var c in token)
        {
            var ok = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
            if (!ok)
            {
                return false;
            }
        }

        // 43 chars carry 258 bits; the last char's low 2 bits must be zero for a canonical encoding.
        // Rejecting non-canonical forms means one secret has exactly one valid spelling.
        var last = token[^1];
        var lastValue = last switch
        {
            >= 'A' and <= 'Z' => last - 'A',
            >= 'a' and <= 'z' => last - 'a' + 26,
            >= '0' and <= '9' => last - '0' + 52,
            '-' => 62,
            _ => 63,
        };
        if ((lastValue & 0b11) != 0)
        {
            return false;
        }

#if NET9_0_OR_GREATER
        return Base64Url.TryDecodeFromChars(token, secret, out var written) && written == ByteLength;
#else
        var padded = token.Replace('-', '+').Replace('_', '/') + "=";
        return Convert.TryFromBase64String(padded, secret, out var written) && written == ByteLength;
#endif
    }
}
