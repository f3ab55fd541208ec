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

            // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96) embed an IPv4 address: judge that one.
            var embedsV4 = b[..12].IndexOfAnyExcept((byte)0) < 0
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].IndexOfAnyExcept((byte)0) < 0);
            if (embedsV4)
            {
                return IsNonPublic(new IPAddress(b[12..]));
            }

            return false;
        }

        return true;
    }
}
