using System.Net;
using System.Net.Sockets;

namespace Invitations.Webhooks;

/// <summary>Raised (inside an <see cref="HttpRequestException"/>) when the SSRF guard refuses a destination.</summary>
internal sealed class DestinationRefusedException : Exception
{
    public DestinationRefusedException(string message)
        : base(message)
    {
    }

    public DestinationRefusedException()
    {
    }

    public DestinationRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The SSRF guard: a <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves the host itself, drops every
/// non-public address and connects only to a public one, so the address checked is the address connected to
/// (no DNS-rebinding window).
/// </summary>
internal static class DestinationGuard
{
    public static async ValueTask<Stream> ConnectPublicOnlyAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(a => !IsNonPublic(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new DestinationRefusedException(
                "the destination resolves only to loopback, private, link-local or other non-public addresses (set AllowPrivateNetworkDestinations to allow it)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The IPv4 address embedded in an IPv6 address that is delivered to it: IPv4-compatible <c>::a.b.c.d</c>,
    /// IPv4-translated <c>::ffff:0:a.b.c.d</c> (SIIT, RFC 2765), well-known NAT64 <c>64:ff9b::/96</c> (RFC 6052),
    /// 6to4 <c>2002:aabb:ccdd::/48</c> (RFC 3056) and Teredo <c>2001:0::/32</c> (RFC 4380, the client address
    /// stored inverted in the last 32 bits). Null for any other address.
    /// </summary>
    private static IPAddress? EmbeddedIPv4(ReadOnlySpan<byte> b)
    {
        var zeroTo8 = b[..8].IndexOfAnyExcept((byte)0) < 0;
        if (zeroTo8 && b[8..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return new IPAddress(b[12..]); // ::a.b.c.d
        }

        if (zeroTo8 && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0)
        {
            return new IPAddress(b[12..]); // ::ffff:0:a.b.c.d
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return new IPAddress(b[12..]); // 64:ff9b::a.b.c.d
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return new IPAddress(b[2..6]); // 2002:aabb:ccdd::/48
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
        {
            Span<byte> client = stackalloc byte[4];
            for (var i = 0; i < 4; i++)
            {
                client[i] = (byte)~b[12 + i];
            }

            return new IPAddress(client); // Teredo: the client's address, obfuscated
        }

        return null;
    }

    /// <summary>True for every address a webhook must not reach by default.</summary>
    public static bool IsNonPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] switch
            {
                0 => true, // 0/8 "this network" (0.0.0.0 reaches localhost on Linux)
                10 => true, // 10/8
                127 => true, // 127/8 loopback
                100 => b[1] >= 64 && b[1] <= 127, // 100.64/10 CGNAT (also some cloud metadata services)
                169 => b[1] == 254, // 169.254/16 link-local, 169.254.169.254 metadata
                172 => b[1] >= 16 && b[1] <= 31, // 172.16/12
                192 => (b[1] == 168) || (b[1] == 0 && b[2] == 0), // 192.168/16, 192.0.0/24
                198 => b[1] == 18 || b[1] == 19, // 198.18/15 benchmarking
                >= 224 => true, // multicast, reserved, broadcast
                _ => false,
            };
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
            {
                return true;
            }

            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            if ((b[0] & 0xFE) == 0xFC // fc00::/7 unique local (incl. fd00:ec2::254 metadata)
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) // fe80::/10 link-local
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) // fec0::/10 site-local (deprecated)
                || b[0] == 0xFF) // multicast
            {
                return true;
            }

            // 64:ff9b:1::/48 is local-use NAT64 (RFC 8215): translated inside the operator's own network, never
            // globally reachable, and its IPv4 placement depends on a prefix length only the operator knows.
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4] == 0x00 && b[5] == 0x01)
            {
                return true;
            }

            // Addresses that carry an IPv4 address a relay or translator will connect to: judge that one.
            if (EmbeddedIPv4(b) is { } embedded)
            {
                return IsNonPublic(embedded);
            }

            return false;
        }

        return true;
    }
}
