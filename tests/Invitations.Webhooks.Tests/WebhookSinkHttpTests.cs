using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Invitations.Webhooks.Tests;

/// <summary>The sink against a real Kestrel receiver on 127.0.0.1.</summary>
public sealed class WebhookSinkHttpTests : IAsyncLifetime
{
    private Receiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await Receiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private SinkHarness Harness(params WebhookEndpoint[] endpoints) => Harness(TimeSpan.FromSeconds(15), endpoints);

    private static SinkHarness Harness(TimeSpan timeout, params WebhookEndpoint[] endpoints) => new(o =>
    {
        o.AllowPrivateNetworkDestinations = true;
        o.Timeout = timeout;
        foreach (var e in endpoints)
        {
            o.Endpoints.Add(e);
        }
    });

    private WebhookEndpoint Endpoint(string path, params string[] eventTypes) =>
        SinkHarness.Endpoint(path, _receiver.Url(path), _receiver.Secret, eventTypes);

    [Fact]
    public async Task Delivered_fact_is_posted_as_json_signed_and_verified_by_the_receiver()
    {
        using var harness = Harness(Endpoint("hooks"));
        var fact = TestData.Fact();

        var result = await harness.DeliverAsync(fact);

        result.Status.Should().Be(DeliveryStatus.Delivered);
        var request = _receiver.For("hooks").Should().ContainSingle().Subject;
        request.Verification.Should().Be(WebhookVerificationStatus.Valid);
        request.Id.Should().Be(fact.Id.ToString());
        request.Timestamp.Should().Be(harness.Clock.GetCurrentInstant().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers["content-type"].Should().Be("application/json");
        request.Headers["user-agent"].Should().Be(WebhookSinkOptions.DefaultUserAgent);
        request.Body.Should().Equal(InvitationJson.SerializeFact(fact));
        _receiver.Verifier.TryVerifyFact(request.Headers, request.Body, out var received).Should().BeTrue();
        received!.Id.Should().Be(fact.Id);
        received.NewValue!.GivenName.Should().Be("Zoë 😀");
    }

    [Fact]
    public async Task Server_error_then_success_is_transient_then_delivered_with_same_id_and_fresh_signature()
    {
        _receiver.Script("flaky", new Reply(500));
        using var harness = Harness(Endpoint("flaky"));
        var fact = TestData.Fact();

        var first = await harness.DeliverAsync(fact);
        harness.Clock.Advance(Duration.FromSeconds(5));
        var second = await harness.DeliverAsync(fact);

        first.Status.Should().Be(DeliveryStatus.TransientFailure);
        first.Detail.Should().Contain("flaky").And.Contain("500");
        second.Status.Should().Be(DeliveryStatus.Delivered);
        var requests = _receiver.For("flaky");
        requests.Should().HaveCount(2).And.OnlyContain(r => r.Verification == WebhookVerificationStatus.Valid);
        requests[0].Id.Should().Be(requests[1].Id).And.Be(fact.Id.ToString());
        requests[0].Timestamp.Should().NotBe(requests[1].Timestamp);
        requests[0].Signature.Should().NotBe(requests[1].Signature);
        requests[0].Body.Should().Equal(requests[1].Body);
    }

    [Fact]
    public async Task Too_many_requests_with_retry_after_seconds_is_transient_with_that_delay()
    {
        _receiver.Script("busy", new Reply(429, RetryAfter: "7"));
        using var harness = Harness(Endpoint("busy"));

        var result = await harness.DeliverAsync(TestData.Fact());

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.RetryAfter.Should().Be(Duration.FromSeconds(7));
        result.Detail.Should().Contain("429");
    }

    [Fact]
    public async Task Service_unavailable_with_retry_after_http_date_is_transient_with_the_remaining_delay()
    {
        using var harness = Harness(Endpoint("maintenance"));
        var until = harness.Clock.GetCurrentInstant() + Duration.FromSeconds(120);
        _receiver.Script("maintenance", new Reply(503, RetryAfter: until.ToDateTimeOffset().ToString("r", System.Globalization.CultureInfo.InvariantCulture)));

        var result = await harness.DeliverAsync(TestData.Fact());

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.RetryAfter.Should().Be(Duration.FromSeconds(120));
    }

    [Fact]
    public async Task Server_error_without_retry_after_is_transient_without_delay()
    {
        _receiver.Script("down", new Reply(502));
        using var harness = Harness(Endpoint("down"));

        var result = await harness.DeliverAsync(TestData.Fact());

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.RetryAfter.Should().BeNull();
    }

    [Fact]
    public async Task Gone_disables_the_endpoint_counts_as_delivered_and_logs_a_warning()
    {
        _receiver.Script("gone", new Reply(410));
        using var harness = Harness(Endpoint("gone"));

        var first = await harness.DeliverAsync(TestData.Fact());
        var second = await harness.DeliverAsync(TestData.Fact());

        first.Status.Should().Be(DeliveryStatus.Delivered);
        second.Status.Should().Be(DeliveryStatus.Delivered);
        _receiver.For("gone").Should().ContainSingle();
        harness.Sink.IsDisabledByReceiver("gone").Should().BeTrue();
        harness.Logs.GetSnapshot().Should().Contain(r => r.Level == LogLevel.Warning && r.Message.Contains("410", StringComparison.Ordinal) && r.Message.Contains("gone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_request_is_a_permanent_failure_and_is_not_posted_again_for_that_fact()
    {
        _receiver.Script("strict", new Reply(400), new Reply(400));
        using var harness = Harness(Endpoint("strict"));
        var fact = TestData.Fact();

        var first = await harness.DeliverAsync(fact);
        var again = await harness.DeliverAsync(fact);

        first.Status.Should().Be(DeliveryStatus.PermanentFailure);
        first.Detail.Should().Contain("strict").And.Contain("400");
        again.Status.Should().Be(DeliveryStatus.PermanentFailure);
        _receiver.For("strict").Should().ContainSingle();
    }

    [Fact]
    public async Task Redirect_is_not_followed_and_is_a_permanent_failure()
    {
        _receiver.Script("moved", new Reply(302, Location: _receiver.Url("elsewhere").ToString()));
        using var harness = Harness(Endpoint("moved"));

        var result = await harness.DeliverAsync(TestData.Fact());

        result.Status.Should().Be(DeliveryStatus.PermanentFailure);
        result.Detail.Should().Contain("302").And.Contain("redirects are not followed");
        _receiver.For("moved").Should().ContainSingle();
        _receiver.For("elsewhere").Should().BeEmpty();
    }

    [Fact]
    public async Task Slow_endpoint_beyond_the_timeout_is_a_transient_failure()
    {
        _receiver.Script("slow", new Reply(200, Delay: TimeSpan.FromSeconds(5)));
        using var harness = Harness(TimeSpan.FromMilliseconds(300), Endpoint("slow"));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await harness.DeliverAsync(TestData.Fact());

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.Detail.Should().Contain("no response within");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Connection_refused_is_a_transient_failure()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var harness = Harness(SinkHarness.Endpoint("closed", new Uri($"http://127.0.0.1:{port}/"), _receiver.Secret));

        var result = await harness.DeliverAsync(TestData.Fact());

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.Detail.Should().Contain("closed").And.Contain("connection failed");
    }

    [Fact]
    public async Task Event_type_filter_skips_endpoints_that_do_not_want_the_fact()
    {
        using var harness = Harness(Endpoint("all"), Endpoint("accepted-only", FactTypes.InviteAccepted));

        var invite = await harness.DeliverAsync(TestData.Fact(FactTypes.InviteUser));
        var accepted = await harness.DeliverAsync(TestData.Fact(FactTypes.InviteAccepted));

        invite.Status.Should().Be(DeliveryStatus.Delivered);
        accepted.Status.Should().Be(DeliveryStatus.Delivered);
        _receiver.For("all").Should().HaveCount(2);
        _receiver.For("accepted-only").Should().ContainSingle()
            .Which.Body.Should().Equal(_receiver.For("all")[1].Body);
    }

    [Fact]
    public async Task Disabled_endpoint_receives_nothing()
    {
        var off = Endpoint("off");
        off.Enabled = false;
        using var harness = Harness(Endpoint("on"), off);

        (await harness.DeliverAsync(TestData.Fact())).Status.Should().Be(DeliveryStatus.Delivered);

        _receiver.For("on").Should().ContainSingle();
        _receiver.For("off").Should().BeEmpty();
    }

    [Fact]
    public async Task Retry_posts_only_to_endpoints_that_have_not_yet_succeeded_for_that_fact()
    {
        _receiver.Script("b", new Reply(503));
        using var harness = Harness(Endpoint("a"), Endpoint("b"));
        var fact = TestData.Fact();

        var first = await harness.DeliverAsync(fact);
        var second = await harness.DeliverAsync(fact);

        first.Status.Should().Be(DeliveryStatus.TransientFailure);
        first.Detail.Should().Contain("'b'").And.NotContain("'a'");
        second.Status.Should().Be(DeliveryStatus.Delivered);
        _receiver.For("a").Should().ContainSingle();
        _receiver.For("b").Should().HaveCount(2);
    }

    [Fact]
    public async Task Transient_failure_on_one_endpoint_keeps_the_fact_retrying_and_a_permanent_failure_elsewhere_is_reported_at_the_end()
    {
        _receiver.Script("rejects", new Reply(422));
        _receiver.Script("busy", new Reply(429, RetryAfter: "3"));
        using var harness = Harness(Endpoint("rejects"), Endpoint("busy"), Endpoint("fine"));
        var fact = TestData.Fact();

        var first = await harness.DeliverAsync(fact);
        harness.Clock.Advance(Duration.FromSeconds(3)); // "busy" is not asked again before its Retry-After
        var second = await harness.DeliverAsync(fact);

        first.Status.Should().Be(DeliveryStatus.TransientFailure);
        first.RetryAfter.Should().Be(Duration.FromSeconds(3));
        second.Status.Should().Be(DeliveryStatus.PermanentFailure);
        second.Detail.Should().Contain("rejects").And.Contain("422");
        _receiver.For("rejects").Should().ContainSingle();
        _receiver.For("fine").Should().ContainSingle();
        _receiver.For("busy").Should().HaveCount(2);
    }

    [Fact]
    public async Task Endpoint_with_two_secrets_sends_two_signatures_and_a_receiver_holding_either_accepts()
    {
        var oldSecret = WebhookSecret.Generate();
        var endpoint = SinkHarness.Endpoint("rotating", _receiver.Url("rotating"), _receiver.Secret);
        endpoint.Secrets.Add(oldSecret);
        using var harness = Harness(endpoint);

        (await harness.DeliverAsync(TestData.Fact())).Status.Should().Be(DeliveryStatus.Delivered);

        var request = _receiver.For("rotating").Should().ContainSingle().Subject;
        request.Signature.Split(' ').Should().HaveCount(2);
        request.Verification.Should().Be(WebhookVerificationStatus.Valid);
        new WebhookVerifier(oldSecret).Verify(request.Headers, request.Body).Should().Be(WebhookVerificationStatus.Valid);
    }

    [Fact]
    public async Task Logs_never_contain_a_secret_or_the_endpoint_url()
    {
        _receiver.Script("noisy", new Reply(500), new Reply(410));
        using var harness = Harness(Endpoint("noisy"));

        await harness.DeliverAsync(TestData.Fact());
        await harness.DeliverAsync(TestData.Fact());

        var logs = harness.Logs.GetSnapshot();
        logs.Should().NotBeEmpty();
        logs.Should().NotContain(r => r.Message.Contains("whsec_", StringComparison.Ordinal) || r.Message.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Caller_cancellation_is_not_swallowed()
    {
        _receiver.Script("hang", new Reply(200, Delay: TimeSpan.FromSeconds(5)));
        using var harness = Harness(Endpoint("hang"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var act = async () => await harness.Sink.DeliverAsync(TestData.Fact(), cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
