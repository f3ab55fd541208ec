using System.Net;
using System.Net.Sockets;

namespace Invitations.Webhooks.Tests;

public sealed class SsrfTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    [InlineData("169.254.169.254")]
    public async Task Default_options_refuse_loopback_before_connecting(string host)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var harness = new SinkHarness(o => o.Endpoints.Add(
                SinkHarness.Endpoint("internal", new Uri($"https://{host}:{port}/hook"), WebhookSecret.Generate())));

            var result = await harness.Sink.DeliverAsync(TestData.Fact(), CancellationToken.None);

            result.Status.Should().Be(DeliveryStatus.PermanentFailure);
            result.Detail.Should().Contain("internal").And.Contain("refused before connecting").And.Contain("AllowPrivateNetworkDestinations");
            listener.Pending().Should().BeFalse("no TCP connection may reach the refused destination");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.100.100.200")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fc00::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    [InlineData("febf::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:7f00:1::1")] // 6to4 of 127.0.0.1
    [InlineData("2002:a9fe:a9fe::")] // 6to4 of 169.254.169.254
    [InlineData("2002:c0a8:101::1")] // 6to4 of 192.168.1.1
    [InlineData("64:ff9b:1::a9fe:a9fe")] // local-use NAT64
    [InlineData("64:ff9b:1:808:800::")] // local-use NAT64, /48 layout of 8.8.8.8: still local-use
    [InlineData("::ffff:0:127.0.0.1")] // IPv4-translated
    [InlineData("::ffff:0:a9fe:a9fe")]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe")] // Teredo, client 127.0.0.1
    [InlineData("2001:0:4136:e378:8000:63bf:5601:5601")] // Teredo, client 169.254.169.254
    [InlineData("2001::f5ff:fefe")] // Teredo, client 10.0.1.1
    public void Non_public_addresses_are_refused(string address)
    {
        DestinationGuard.IsNonPublic(IPAddress.Parse(address)).Should().BeTrue();
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.1.1")]
    [InlineData("11.0.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2002:808:808::1")] // 6to4 of 8.8.8.8
    [InlineData("64:ff9b::808:808")] // well-known NAT64 of 8.8.8.8
    [InlineData("::ffff:0:8.8.8.8")]
    [InlineData("2001:0:4136:e378:8000:63bf:f7f7:f7f7")] // Teredo, client 8.8.8.8
    public void Public_addresses_are_allowed(string address)
    {
        DestinationGuard.IsNonPublic(IPAddress.Parse(address)).Should().BeFalse();
    }
}
