using System.Buffers.Text;
using System.Security.Cryptography;

namespace Invitations.Benchmarks.Fixtures;

/// <summary>
/// A Standard Webhooks signature: <c>v1,</c> + base64(HMAC-SHA256(secret, <c>{id}.{timestamp}.{body}</c>)).
/// Written here (not the Invitations.Webhooks package) so ours and the floor sign with the same code:
/// the signed content is assembled in a per-thread reused buffer, the MAC goes to the stack, and the
/// only allocation is the header string.
/// </summary>
public sealed class WebhookSigner(byte[] secret)
{
    [ThreadStatic]
    private static byte[]? t_buffer;

    public static WebhookSigner Default { get; } = new(Convert.FromBase64String("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

    public string Sign(Guid messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        var needed = 36 + 1 + 20 + 1 + body.Length;
        var buffer = t_buffer;
        if (buffer is null || buffer.Length < needed)
        {
            buffer = t_buffer = new byte[Math.Max(needed, 4096)];
        }

        var span = buffer.AsSpan();
        messageId.TryFormat(span, out var n, "D");
        span[n++] = (byte)'.';
        Utf8Formatter.TryFormat(timestamp, span[n..], out var w);
        n += w;
        span[n++] = (byte)'.';
        body.CopyTo(span[n..]);
        n += body.Length;

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(secret, span[..n], mac);
        Span<char> chars = stackalloc char[47];
        "v1,".CopyTo(chars);
        Convert.TryToBase64Chars(mac, chars[3..], out _);
        return new string(chars);
    }
}
