using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using NodaTime;

namespace Invitations.Sms.Tests;

public sealed class HttpSmsSenderTests(SmsGatewayFixture gateway) : IClassFixture<SmsGatewayFixture>
{
    [Fact]
    public async Task Posts_a_form_body_built_from_the_field_map()
    {
        var (sender, provider, id) = TestSms.Create(gateway.Url("ok"), o =>
        {
            o.From = "ACME";
            o.Fields["To"] = "{to}";
            o.Fields["Body"] = "{text}";
            o.Fields["From"] = "{from}";
            o.Fields["Reference"] = "invite-{message_id}";
            o.Fields["Channel"] = "sms";
        });
        await using var _ = provider;
        var message = TestSms.Message();

        var result = await sender.SendAsync(message, CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.Delivered);
        var request = gateway.Requests[id];
        request.Method.Should().Be("POST");
        request.ContentType.Should().StartWith("application/x-www-form-urlencoded");
        var form = QueryHelpers.ParseQuery(request.Body).ToDictionary(p => p.Key, p => p.Value.ToString());
        form.Should().Equal(new Dictionary<string, string>
        {
            ["To"] = "+41791234567",
            ["Body"] = message.TextBody,
            ["From"] = "ACME",
            ["Reference"] = "invite-" + message.MessageId,
            ["Channel"] = "sms",
        });
    }

    [Fact]
    public async Task Posts_a_json_body_built_from_the_field_map()
    {
        var (sender, provider, id) = TestSms.Create(gateway.Url("accepted"), o =>
        {
            o.BodyFormat = SmsBodyFormat.Json;
            o.Fields["recipient"] = "{to}";
            o.Fields["message"] = "{text}";
            o.Fields["idempotency_key"] = "{message_id}";
            o.Fields["invitation"] = "{invitation_id}";
            o.Fields["lang"] = "{locale}";
        });
        await using var _ = provider;
        var message = TestSms.Message("Grüße {to} \"quoted\" " + TestSms.Link);

        var result = await sender.SendAsync(message, CancellationToken.None);

        result.IsDelivered.Should().BeTrue();
        var request = gateway.Requests[id];
        request.ContentType.Should().Be("application/json; charset=utf-8");
        var json = JsonSerializer.Deserialize<Dictionary<string, string>>(request.Body);
        json.Should().Equal(new Dictionary<string, string>
        {
            ["recipient"] = "+41791234567",
            ["message"] = message.TextBody,
            ["idempotency_key"] = message.MessageId,
            ["invitation"] = message.InvitationId.ToString(),
            ["lang"] = "de",
        }, "placeholders inside the text itself are not expanded again");
    }

    [Fact]
    public async Task Uses_to_and_text_fields_when_no_field_map_is_configured()
    {
        var (sender, provider, id) = TestSms.Create(gateway.Url("ok"));
        await using var _ = provider;
        var message = TestSms.Message();

        (await sender.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();

        var form = QueryHelpers.ParseQuery(gateway.Requests[id].Body);
        form.Keys.Should().Equal("to", "text");
        form["text"].ToString().Should().Be(message.TextBody);
    }

    [Fact]
    public async Task Sends_a_bearer_token()
    {
        var (sender, provider, id) = TestSms.Create(gateway.Url("ok"), o => o.BearerToken = "tok_123");
        await using var _ = provider;

        (await sender.SendAsync(TestSms.Message(), CancellationToken.None)).IsDelivered.Should().BeTrue();

        gateway.Requests[id].Authorization.Should().Be("Bearer tok_123");
    }

    [Fact]
    public async Task Sends_basic_credentials_and_extra_headers()
    {
        var (sender, provider, id) = TestSms.Create(gateway.Url("ok"), o =>
        {
            (o.BasicUserName, o.BasicPassword) = ("AC123", "p@ss:word");
            o.Headers["X-Api-Key"] = "key-1";
        });
        await using var _ = provider;

        (await sender.SendAsync(TestSms.Message(), CancellationToken.None)).IsDelivered.Should().BeTrue();

        var request = gateway.Requests[id];
        request.Authorization.Should().Be("Basic " + Convert.ToBase64String("AC123:p@ss:word"u8.ToArray()));
        request.Headers["X-Api-Key"].Should().Be("key-1");
    }

    [Fact]
    public async Task A_500_reply_is_a_transient_failure()
    {
        var (sender, provider, _) = TestSms.Create(gateway.Url("fail/500"));
        await using var __ = provider;

        var result = await sender.SendAsync(TestSms.Message(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.Detail.Should().Contain("HTTP 500").And.Contain("gateway says 500");
        result.RetryAfter.Should().BeNull();
    }

    [Fact]
    public async Task A_429_reply_with_retry_after_seconds_is_transient_with_that_delay()
    {
        var (sender, provider, _) = TestSms.Create(gateway.Url("fail/429?retryAfter=7"));
        await using var __ = provider;

        var result = await sender.SendAsync(TestSms.Message(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.Detail.Should().Contain("HTTP 429");
        result.RetryAfter.Should().Be(Duration.FromSeconds(7));
    }

    [Fact]
    public async Task A_503_reply_with_a_retry_after_date_is_transient_with_the_remaining_delay()
    {
        var (sender, provider, _) = TestSms.Create(gateway.Url("fail/503?retryAfterDate=1"));
        await using var __ = provider;

        var result = await sender.SendAsync(TestSms.Message(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.RetryAfter.Should().NotBeNull();
        result.RetryAfter!.Value.Should().BeGreaterThan(Duration.FromSeconds(100)).And.BeLessThan(Duration.FromSeconds(121));
    }

    [Fact]
    public async Task A_retry_after_date_is_measured_against_the_injected_clock()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);
        var (sender, provider, _) = TestSms.Create(gateway.Url("fail/503?retryAfterAt=1900000000"), time: new FixedTimeProvider(at.AddSeconds(-90)));
        await using var __ = provider;

        var result = await sender.SendAsync(TestSms.Message(), CancellationToken.None);

        result.RetryAfter.Should().Be(Duration.FromSeconds(90));
    }

    [Fact]
    public async Task A_retry_after_of_ten_years_is_cut_to_the_default_cap_of_one_hour()
    {
        var (sender, provider, _) = TestSms.Create(gateway.Url("fail/429?retryAfter=315360000"));
        await using var __ = provider;

        var result = await sender.SendAsync(TestSms.Message(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.RetryAfter.Should().Be(Duration.FromHours(1));
    }

    [Fact]
    public async Task A_retry_after_beyond_the_configured_cap_is_cut_to_it()
    {
        var (sender, provider, _) = TestSms.Create(gateway.Url("fail/429?retryAfter=3600"), o => o.MaxRetryAfter = TimeSpan.FromMinutes(5));
        await using var __ = provider;

        var result = await sender.SendAsync(TestSms.Message(), CancellationToken.None);

        result.RetryAfter.Should().Be(Duration.FromMinutes(5));
    }

    [Fact]
    public async Task A_retry_after_date_is_measured_against_the_host_registered_TimeProvider()
    {
        var now = new DateTimeOffset(2031, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now));
        new InvitationsBuilder(services).UseHttpSms(o => o.Endpoint = gateway.Url($"fail/503?retryAfterAt={now.AddSeconds(90).ToUnixTimeSeconds()}"));
        await using var provider = services.BuildServiceProvider();
        var sender = provider.GetServices<IMessageSender>().OfType<HttpSmsSender>().Single();

        var result = await sender.SendAsync(TestSms.Message(), CancellationToken.None);

        result.RetryAfter.Should().Be(Duration.FromSeconds(90), "the gateway's date is 90 s after the host's clock, whatever the wall clock says");
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task Other_4xx_replies_are_permanent_failures_with_status_and_excerpt(int status)
    {
        var (sender, provider, _) = TestSms.Create(gateway.Url($"fail/{status}"));
        await using var __ = provider;

        var result = await sender.SendAsync(TestSms.Message(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.PermanentFailure);
        result.Detail.Should().StartWith($"HTTP {status}").And.Contain($"gateway says {status}");
    }

    [Fact]
    public async Task A_408_reply_is_transient()
    {
        var (sender, provider, _) = TestSms.Create(gateway.Url("fail/408"));
        await using var __ = provider;

        (await sender.SendAsync(TestSms.Message(), CancellationToken.None)).Status.Should().Be(DeliveryStatus.TransientFailure);
    }

    [Fact]
    public async Task The_failure_detail_never_contains_the_link_or_number_the_gateway_echoed()
    {
        var (sender, provider, _) = TestSms.Create(gateway.Url("fail/400?echo=1"), o => o.BodyFormat = SmsBodyFormat.Json);
        await using var __ = provider;

        var result = await sender.SendAsync(TestSms.Message(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.PermanentFailure);
        result.Detail.Should().Contain("you sent").And.NotContain("Zm9vYmFy").And.NotContain("+41791234567");
        result.Detail!.Length.Should().BeLessThan(260);
    }

    [Fact]
    public async Task Redirects_are_not_followed_and_are_permanent_failures()
    {
        var (sender, provider, _) = TestSms.Create(gateway.Url("redirect"));
        await using var __ = provider;

        var result = await sender.SendAsync(TestSms.Message(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.PermanentFailure);
        result.Detail.Should().StartWith("HTTP 302");
    }

    [Fact]
    public async Task A_slow_gateway_is_a_transient_timeout()
    {
        var (sender, provider, _) = TestSms.Create(gateway.Url("slow"), o => o.Timeout = TimeSpan.FromMilliseconds(300));
        await using var __ = provider;

        var result = await sender.SendAsync(TestSms.Message(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.Detail.Should().Contain("timed out");
    }

    [Fact]
    public async Task Cancellation_by_the_caller_throws()
    {
        var (sender, provider, _) = TestSms.Create(gateway.Url("slow"));
        await using var __ = provider;
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Exception? thrown = null;
        DeliveryResult? result = null;
        try
        {
            result = await sender.SendAsync(TestSms.Message(), cts.Token);
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        thrown.Should().BeAssignableTo<OperationCanceledException>($"no result should come back, but got {result}");
    }

    [Fact]
    public async Task Connection_refused_is_a_transient_failure()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (sender, provider, _) = TestSms.Create(new Uri($"http://127.0.0.1:{port}/sms"));
        await using var __ = provider;

        var result = await sender.SendAsync(TestSms.Message(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.Detail.Should().Contain("ConnectionError");
    }

    [Fact]
    public async Task Long_text_is_cut_to_max_length_without_breaking_the_link()
    {
        var (sender, provider, id) = TestSms.Create(gateway.Url("ok"), o => o.MaxLength = 160);
        await using var _ = provider;
        var prose = string.Join(' ', Enumerable.Repeat("Willkommen bei Acme,", 12));
        var message = TestSms.Message($"{prose} registriere dich hier: {TestSms.Link} Danke und bis bald, dein Acme-Team");

        (await sender.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();

        var text = QueryHelpers.ParseQuery(gateway.Requests[id].Body)["text"].ToString();
        text.Length.Should().BeLessThanOrEqualTo(160);
        text.Should().StartWith("Willkommen bei Acme,").And.EndWith(TestSms.Link);
        text.Should().Contain(" " + TestSms.Link);
    }

    [Fact]
    public async Task Text_with_an_emoji_is_cut_to_max_segments_of_ucs2_and_the_log_names_encoding_and_segments()
    {
        var logs = new FakeLoggerProvider();
        var (sender, provider, id) = TestSms.Create(gateway.Url("ok"), o => o.MaxSegments = 2, logs);
        await using var _ = provider;
        var prose = string.Join(' ', Enumerable.Repeat("Willkommen bei Acme,", 12));
        var message = TestSms.Message($"\U0001F389 {prose} registriere dich hier: {TestSms.Link} Danke!");

        (await sender.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();

        var text = QueryHelpers.ParseQuery(gateway.Requests[id].Body)["text"].ToString();
        text.Length.Should().BeLessThanOrEqualTo(134, "two UCS-2 segments hold 2 × 67 code units");
        text.Should().StartWith("\U0001F389 Willkommen").And.EndWith(" " + TestSms.Link);
        var lines = logs.Collector.GetSnapshot().Select(r => r.Message).ToList();
        lines.Should().Contain(l => l.Contains("(HTTP 200, 2 Ucs2 segments)", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("text cut from", StringComparison.Ordinal) && l.Contains("(2 Ucs2 segments)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_link_longer_than_max_length_is_refused_instead_of_sent_broken()
    {
        var (sender, provider, _) = TestSms.Create(gateway.Url("ok"), o => o.MaxLength = 40);
        await using var __ = provider;

        var result = await sender.SendAsync(TestSms.Message(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.PermanentFailure);
        result.Detail.Should().Contain("MaxLength");
    }

    [Theory]
    [InlineData("0791234567")]
    [InlineData("+0791234567")]
    [InlineData("+41 79 123 45 67")]
    [InlineData("+41791234567&to=+15005550006")]
    [InlineData("+1234567890123456")]
    [InlineData("")]
    public async Task Refuses_a_recipient_that_is_not_e164_without_calling_the_gateway(string to)
    {
        var (sender, provider, id) = TestSms.Create(gateway.Url("ok"));
        await using var _ = provider;

        var result = await sender.SendAsync(TestSms.Message(to: to), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.PermanentFailure);
        result.Detail.Should().Contain("E.164");
        gateway.Requests.Should().NotContainKey(id);
    }

    [Fact]
    public async Task Sends_only_sms()
    {
        var (sender, provider, _) = TestSms.Create(gateway.Url("ok"));
        await using var __ = provider;

        sender.CanSend(MessageChannel.Sms).Should().BeTrue();
        sender.CanSend(MessageChannel.Email).Should().BeFalse();
        (await sender.SendAsync(TestSms.Message() with { Channel = MessageChannel.Email }, CancellationToken.None))
            .Status.Should().Be(DeliveryStatus.PermanentFailure);
    }

    [Fact]
    public async Task Logs_the_number_only_redacted_and_never_the_text()
    {
        var logs = new FakeLoggerProvider();
        var (sender, provider, _) = TestSms.Create(gateway.Url("ok"), logs: logs);
        await using var __ = provider;
        (await sender.SendAsync(TestSms.Message(), CancellationToken.None)).IsDelivered.Should().BeTrue();
        var (failing, failingProvider, _) = TestSms.Create(gateway.Url("fail/400?echo=1"), logs: logs);
        await using var ___ = failingProvider;
        await failing.SendAsync(TestSms.Message(), CancellationToken.None);

        var lines = logs.Collector.GetSnapshot().Select(r => r.Message).ToList();
        lines.Should().Contain(l => l.Contains("+41*******67", StringComparison.Ordinal), "the one redacted form Core logs too");
        lines.Should().NotContain(l => l.Contains("+41791234567", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Contains("Zm9vYmFy", StringComparison.Ordinal) || l.Contains("invited you", StringComparison.Ordinal));
    }
}
