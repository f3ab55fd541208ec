using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Invitations.Validation;

/// <summary>
/// The key under which two pending invitations count as the same recipient. It is
/// <c>rk1:</c> and the lower-case hex SHA-256 of the organization (length-prefixed, or <c>-</c> for none), the channel
/// and the recipient's comparison key. The length prefix makes the encoding injective (the old
/// <c>{org}|{channel}|{address}</c> let organization <c>x|email|y</c> collide with organization <c>x</c>); the hash keeps
/// the address out of a second column and gives a fixed width that no collation folds together. The Entity Framework
/// Core store compiles this file too, to upgrade keys stored in the old form.
/// </summary>
internal static class RecipientKeys
{
    /// <summary>The prefix of every current key; old keys always contain <c>|</c>, current ones never do.</summary>
    public const string Prefix = "rk1:";

    /// <summary>The length of a current key.</summary>
    public const int Length = 4 + 64;

    /// <summary>The key of <paramref name="identityKey"/> (an e-mail comparison key or an E.164 number) on <paramref name="channel"/> in an organization.</summary>
    public static string Create(string? organizationId, string channel, string identityKey)
    {
        // The UTF-8 of "{length}:{org}\n{channel}\n{address}" (or "-" for no organization), hashed without building that
        // string: the key is computed on every invite, and only the key itself allocates.
        var org = organizationId ?? "";
        var size = 12 + Encoding.UTF8.GetByteCount(org) + Encoding.UTF8.GetByteCount(channel) + Encoding.UTF8.GetByteCount(identityKey);
        var rented = size > 1024 ? ArrayPool<byte>.Shared.Rent(size) : null;
        var text = rented is null ? stackalloc byte[1024] : rented;
        int n;
        if (organizationId is null)
        {
            text[0] = (byte)'-';
            n = 1;
        }
        else
        {
            organizationId.Length.TryFormat(text, out n, provider: CultureInfo.InvariantCulture);
            text[n++] = (byte)':';
            n += Encoding.UTF8.GetBytes(org, text[n..]);
        }

        text[n++] = (byte)'\n';
        n += Encoding.UTF8.GetBytes(channel, text[n..]);
        text[n++] = (byte)'\n';
        n += Encoding.UTF8.GetBytes(identityKey, text[n..]);

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(text[..n], digest);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }

        Span<char> key = stackalloc char[Length];
        Prefix.CopyTo(key);
        Convert.TryToHexStringLower(digest, key[Prefix.Length..], out _);
        return new string(key);
    }

    /// <summary>Whether <paramref name="key"/> is in the old, ambiguous <c>{org}|{channel}|{address}</c> form.</summary>
    public static bool IsLegacy(string key) => key.Contains('|', StringComparison.Ordinal);

    /// <summary>
    /// The current key for a key stored in the old form, given the row's organization: the old key is the organization,
    /// <c>|</c>, the channel, <c>|</c> and the address, and the organization column says where the first part ends.
    /// A key that does not start with its row's organization (written by other code) is hashed whole, so it stays
    /// unique without ever matching a new invitation's key.
    /// </summary>
    public static string Upgrade(string legacyKey, string? organizationId)
    {
        var org = organizationId ?? "";
        if (legacyKey.Length > org.Length && legacyKey.StartsWith(org, StringComparison.Ordinal) && legacyKey[org.Length] == '|')
        {
            var rest = legacyKey[(org.Length + 1)..];
            var bar = rest.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0)
            {
                return Create(organizationId, rest[..bar], rest[(bar + 1)..]);
            }
        }

        return Create("legacy", "legacy", legacyKey);
    }
}
