using System.Buffers.Binary;
using NodaTime;

namespace Invitations.Inviting;

/// <summary>The opaque text form of a keyset cursor: creation instant and id, base64url, 32 characters.</summary>
internal static class SearchCursor
{
    public static string Encode(InvitationCursor cursor)
    {
        Span<byte> bytes = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, cursor.CreatedAt.ToUnixTimeTicks());
        cursor.Id.Value.TryWriteBytes(bytes[8..]);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The cursor, or null for text no previous page returned.</summary>
    public static InvitationCursor? Decode(string text)
    {
        Span<byte> bytes = stackalloc byte[24];
        var padded = text.Replace('-', '+').Replace('_', '/');
        if (text.Length != 32 || !Convert.TryFromBase64String(padded, bytes, out var written) || written != 24)
        {
            return null;
        }

        var id = new Guid(bytes[8..]);
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);

        // 24 decoded bytes can name a tick outside NodaTime's range, where FromUnixTimeTicks throws.
        return id == Guid.Empty || ticks < Instant.MinValue.ToUnixTimeTicks() || ticks > Instant.MaxValue.ToUnixTimeTicks()
            ? null
            : new InvitationCursor(Instant.FromUnixTimeTicks(ticks), new InvitationId(id));
    }
}
