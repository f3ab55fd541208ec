using NodaTime;

namespace Invitations.Webhooks.Tests;

/// <summary>
/// Issue 13 finding 7: one endpoint's <c>Retry-After</c> (ten years) held back every other endpoint. It is capped,
/// it only delays the endpoint that asked, and the one HTTP rule makes 408 transient as the SMS sender does.
/// </summary>
public sealed class RetryAfterIsolationTests : IAsyncLifetime
{
    private Receiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await Receiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private SinkHarness Harness(Action<WebhookSinkOptions>? configure, params string[] paths) => new(o =>
    {
        o.AllowPrivateNetworkDestinations = true;
        foreach (var path in paths)
        {
            o.Endpoints.Add(SinkHarness.Endpoint(path, _receiver.Url(path), _receiver.Secret));
        }

        configure?.Invoke(o);
    });

    [Fact]
    public async Task A_retry_after_of_ten_years_is_cut_to_the_default_cap_of_one_hour()
    {
        _receiver.Script("stuck", new Reply(429, RetryAfter: "315360000"));
        using var harness = Harness(null, "stuck");

        var result = await harness.DeliverAsync(TestData.Fact());

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.RetryAfter.Should().Be(Duration.FromHours(1));
    }

    [Fact]
    public async Task A_retry_after_date_years_ahead_is_cut_to_the_configured_cap()
    {
        using var harness = Harness(o => o.MaxRetryAfter = TimeSpan.FromMinutes(10), "stuck");
        var farAhead = harness.Clock.GetCurrentInstant().ToDateTimeOffset().AddYears(10);
        _receiver.Script("stuck", new Reply(503, RetryAfter: farAhead.ToString("r", System.Globalization.CultureInfo.InvariantCulture)));

        var result = await harness.DeliverAsync(TestData.Fact());

        result.RetryAfter.Should().Be(Duration.FromMinutes(10));
    }

    [Fact]
    public async Task A_fact_is_retried_after_the_soonest_wait_so_a_slow_endpoint_does_not_delay_a_quick_one()
    {
        _receiver.Script("slow", new Reply(429, RetryAfter: "3600"));
        _receiver.Script("quick", new Reply(503, RetryAfter: "5"));
        using var harness = Harness(null, "slow", "quick", "healthy");
        var fact = TestData.Fact();

        var first = await harness.DeliverAsync(fact);
        harness.Clock.Advance(Duration.FromSeconds(5));
        var second = await harness.DeliverAsync(fact);

        first.Status.Should().Be(DeliveryStatus.TransientFailure);
        first.RetryAfter.Should().Be(Duration.FromSeconds(5), "the quick endpoint's wait, not the slow one's hour");
        second.Status.Should().Be(DeliveryStatus.TransientFailure, "the slow endpoint still owes the fact");
        second.RetryAfter.Should().Be(Duration.FromSeconds(3595));
        _receiver.For("quick").Should().HaveCount(2, "the quick endpoint got its retry after 5 s");
        _receiver.For("slow").Should().ContainSingle("the slow endpoint is not asked again before its Retry-After");
        _receiver.For("healthy").Should().ContainSingle();
    }

    [Fact]
    public async Task An_endpoint_that_asked_to_wait_costs_other_facts_no_request_until_its_time_then_gets_them()
    {
        _receiver.Script("slow", new Reply(429, RetryAfter: "60"));
        using var harness = Harness(null, "slow", "healthy");

        var first = await harness.DeliverAsync(TestData.Fact());
        var other = await harness.DeliverAsync(TestData.Fact());
        harness.Clock.Advance(Duration.FromSeconds(60));
        var later = await harness.DeliverAsync(TestData.Fact());

        first.Status.Should().Be(DeliveryStatus.TransientFailure);
        other.Status.Should().Be(DeliveryStatus.TransientFailure);
        other.RetryAfter.Should().Be(Duration.FromSeconds(60));
        later.Status.Should().Be(DeliveryStatus.Delivered);
        _receiver.For("slow").Should().HaveCount(2, "one 429, then nothing until its minute passed, then the later fact");
        _receiver.For("healthy").Should().HaveCount(3);
    }

    [Fact]
    public async Task A_408_request_timeout_is_transient_as_for_the_sms_sender()
    {
        _receiver.Script("proxy", new Reply(408));
        using var harness = Harness(null, "proxy");

        var result = await harness.DeliverAsync(TestData.Fact());

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.Detail.Should().Contain("408");
    }

    [Fact]
    public async Task An_endpoint_that_timed_out_is_paused_so_the_next_facts_do_not_wait_for_it_again()
    {
        // The hanging reply is cut short when the sink gives up; 2 s leaves the healthy endpoint ample time on a busy machine.
        _receiver.Script("hangs", new Reply(200, Delay: TimeSpan.FromSeconds(60)));
        using var harness = Harness(o => (o.Timeout, o.PauseAfterNoResponse) = (TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)), "hangs", "healthy");

        var first = await harness.DeliverAsync(TestData.Fact());
        var second = await harness.DeliverAsync(TestData.Fact());
        harness.Clock.Advance(Duration.FromMinutes(1));
        var third = await harness.DeliverAsync(TestData.Fact());

        first.Status.Should().Be(DeliveryStatus.TransientFailure);
        second.Status.Should().Be(DeliveryStatus.TransientFailure);
        second.RetryAfter.Should().Be(Duration.FromMinutes(1));
        third.Status.Should().Be(DeliveryStatus.Delivered);
        _receiver.For("hangs").Should().HaveCount(2, "no request while paused, one after the pause");
        _receiver.For("healthy").Should().HaveCount(3);
    }

    [Fact]
    public async Task With_pausing_off_a_timed_out_endpoint_is_tried_for_every_fact()
    {
        _receiver.Script("hangs", new Reply(200, Delay: TimeSpan.FromSeconds(60)), new Reply(200, Delay: TimeSpan.FromSeconds(60)));
        using var harness = Harness(o => (o.Timeout, o.PauseAfterNoResponse) = (TimeSpan.FromMilliseconds(500), TimeSpan.Zero), "hangs");

        var first = await harness.DeliverAsync(TestData.Fact());
        var second = await harness.DeliverAsync(TestData.Fact());

        // Judged by what the sink did, not by what the receiver recorded: on a loaded machine a request the sink gave up
        // on after 500 ms may never have been read by the receiver. "no response" only comes from a real attempt.
        first.Detail.Should().Contain("no response within");
        second.Detail.Should().Contain("no response within", "with pausing off the endpoint is tried again, not skipped as paused");
    }
}
