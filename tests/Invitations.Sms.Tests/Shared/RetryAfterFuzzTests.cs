using System.Globalization;
using System.Net.Http.Headers;
using CsCheck;
using Invitations.Core.Tests.Fuzzing;
using Invitations.Http;
using NodaTime;

namespace Invitations.Sms.Tests.Shared;

/// <summary>
/// The Retry-After path as an adapter runs it: whatever a peer sends, the header as HttpClient parses it and then
/// <see cref="RetryAfter.Read"/> give no wait or a wait between zero and the cap, never an exception.
/// </summary>
public sealed class RetryAfterFuzzTests
{
    private static readonly Gen<string> Values = Gen.Frequency(
        (3, HostileText.Text),
        (2, HostileText.NearMiss("120")),
        (2, HostileText.NearMiss("Wed, 21 Oct 2026 07:28:00 GMT")),
        (1, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("0", "-1", "2147483647", "2147483648", "99999999999999999999", "1.5", "Fri, 31 Dec 9999 23:59:59 GMT",
            "Mon, 01 Jan 0001 00:00:00 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994")));

    private static readonly Gen<DateTimeOffset> Nows = Gen.Frequency(
        (4, Gen.Long[0, 4_102_444_800].Select(s => DateTimeOffset.FromUnixTimeSeconds(s))),
        (1, Gen.OneOf(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)));

    private static readonly Gen<TimeSpan> Caps = Gen.Frequency(
        (3, Gen.Int[1, 86_400].Select(s => TimeSpan.FromSeconds(s))),
        (1, Gen.OneOf(RetryAfter.DefaultMax, RetryAfter.LimitOfMax)));

    [Fact]
    public void Any_retry_after_value_is_no_wait_or_a_wait_between_zero_and_the_cap()
    {
        Gen.Select(Values, Nows, Caps).Sample((value, now, max) =>
        {
            using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
            if (!response.Headers.TryAddWithoutValidation("Retry-After", value))
            {
                return; // HttpClient refuses such a value (a line break) before it reaches an adapter
            }

            var wait = RetryAfter.Read(response.Headers.RetryAfter, now, max);

            if (wait is { } w)
            {
                w.Should().BeGreaterThanOrEqualTo(Duration.Zero).And.BeLessThanOrEqualTo(Duration.FromTimeSpan(max));
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Extreme_deltas_and_dates_are_no_wait_or_a_wait_between_zero_and_the_cap()
    {
        var dates = Gen.Long[DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks].Select(t => new DateTimeOffset(t, TimeSpan.Zero));
        var headers = Gen.Frequency(
            (1, Gen.Long[0, (long)int.MaxValue * TimeSpan.TicksPerSecond].Select(t => new RetryConditionHeaderValue(TimeSpan.FromTicks(t)))),
            (1, dates.Select(d => new RetryConditionHeaderValue(d))));

        Gen.Select(headers, Gen.Frequency((1, dates), (1, Nows)), Caps).Sample((header, now, max) =>
        {
            var wait = RetryAfter.Read(header, now, max);

            wait.Should().NotBeNull();
            wait!.Value.Should().BeGreaterThanOrEqualTo(Duration.Zero).And.BeLessThanOrEqualTo(Duration.FromTimeSpan(max));
        }, iter: 20_000);
    }
}
