using System.Net.Http.Headers;
using Invitations.Diagnostics;
using Invitations.Http;
using NodaTime;

namespace Invitations.Sms.Tests.Shared;

/// <summary>The linked-source helpers of src/Shared, tested once here (the SMS package links all of them).</summary>
public sealed class SharedCodeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);

    [Theory]
    [InlineData(200, DeliveryStatus.Delivered)]
    [InlineData(202, DeliveryStatus.Delivered)]
    [InlineData(299, DeliveryStatus.Delivered)]
    [InlineData(301, DeliveryStatus.PermanentFailure)]
    [InlineData(400, DeliveryStatus.PermanentFailure)]
    [InlineData(404, DeliveryStatus.PermanentFailure)]
    [InlineData(408, DeliveryStatus.TransientFailure)]
    [InlineData(410, DeliveryStatus.PermanentFailure)]
    [InlineData(429, DeliveryStatus.TransientFailure)]
    [InlineData(500, DeliveryStatus.TransientFailure)]
    [InlineData(503, DeliveryStatus.TransientFailure)]
    [InlineData(599, DeliveryStatus.TransientFailure)]
    [InlineData(600, DeliveryStatus.PermanentFailure)]
    [InlineData(100, DeliveryStatus.PermanentFailure)]
    public void One_rule_classifies_every_http_status(int status, DeliveryStatus expected) =>
        HttpDeliveryStatus.Classify(status).Should().Be(expected);

    [Fact]
    public void Retry_after_seconds_are_read_as_they_are_below_the_cap() =>
        RetryAfter.Read(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), Now, TimeSpan.FromHours(1)).Should().Be(Duration.FromSeconds(7));

    [Fact]
    public void Retry_after_date_is_measured_from_the_given_now() =>
        RetryAfter.Read(new RetryConditionHeaderValue(Now.AddSeconds(90)), Now, TimeSpan.FromHours(1)).Should().Be(Duration.FromSeconds(90));

    [Fact]
    public void Retry_after_in_the_past_is_zero() =>
        RetryAfter.Read(new RetryConditionHeaderValue(Now.AddSeconds(-90)), Now, TimeSpan.FromHours(1)).Should().Be(Duration.Zero);

    [Theory]
    [InlineData(315_360_000)]
    [InlineData(int.MaxValue)]
    public void Retry_after_is_capped(int seconds) =>
        RetryAfter.Read(new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds)), Now, TimeSpan.FromMinutes(30)).Should().Be(Duration.FromMinutes(30));

    [Fact]
    public void A_date_in_ten_years_is_capped() =>
        RetryAfter.Read(new RetryConditionHeaderValue(Now.AddYears(10)), Now, TimeSpan.FromHours(1)).Should().Be(Duration.FromHours(1));

    [Fact]
    public void No_header_is_no_wait() => RetryAfter.Read(null, Now, TimeSpan.FromHours(1)).Should().BeNull();

    [Theory]
    [InlineData("jane.doe@example.org", "j***@example.org")]
    [InlineData("\"x\"@example.org", "****@example.org")]
    [InlineData("+41791234567", "+41*******67")]
    [InlineData("+4915112345678", "+49*********78")]
    [InlineData("+1234", "***")]
    [InlineData("@example.org", "***")]
    [InlineData("", "(none)")]
    [InlineData(null, "(none)")]
    public void One_redacted_form_for_addresses_and_numbers(string? address, string expected) =>
        Redact.Address(address).Should().Be(expected);

    [Fact]
    public void Redacts_every_occurrence_of_the_address_in_a_reply() =>
        Redact.AddressIn("550 <Jane.Doe@example.org> unknown; jane.doe@example.org", "jane.doe@example.org")
            .Should().Be("550 <j***@example.org> unknown; j***@example.org");

    [Fact]
    public void The_gateway_excerpt_drops_a_token_split_by_a_quoted_printable_soft_line_break()
    {
        const string token = "Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg";
        var body = "{\"error\":\"bad body\",\"echo\":\"Register at i/" + token[..20] + "=\r\n" + token[20..] + "\"}";

        var excerpt = HttpSmsSender.Sanitize(body, "+41791234567");

        excerpt.Should().NotContain(token[..12]).And.NotContain(token[^12..]);
    }
}
