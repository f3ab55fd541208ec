using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Testing;

namespace Invitations.Webhooks.Tests;

/// <summary>
/// The behaviours checked by the Standard Webhooks C# reference library's own tests
/// (libraries/csharp/StandardWebhooks.Tests), expressed against our signer and verifier.
/// </summary>
public sealed class ReferenceCasesTests
{
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string BareSecret = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");
    private static readonly Instant Now = Instant.FromUnixTimeSeconds(1_764_000_000);

    private static Dictionary<string, string> SignedAt(long offsetSeconds)
    {
        var ts = Now.ToUnixTimeSeconds() + offsetSeconds;
        return new Dictionary<string, string>
        {
            ["webhook-id"] = Id,
            ["webhook-timestamp"] = ts.ToString(CultureInfo.InvariantCulture),
            ["webhook-signature"] = WebhookSigner.Sign(Id, ts, Body, ["whsec_" + BareSecret]),
        };
    }

    private static WebhookVerificationStatus Verify(Dictionary<string, string> headers, string secret = BareSecret) =>
        new WebhookVerifier([secret], WebhookVerifier.DefaultTolerance, new FakeClock(Now)).Verify(headers, Body);

    [Theory]
    [InlineData("webhook-id")]
    [InlineData("webhook-timestamp")]
    [InlineData("webhook-signature")]
    public void Reference_missing_header_is_rejected(string header)
    {
        var headers = SignedAt(0);
        headers.Remove(header);
        Verify(headers).Should().Be(WebhookVerificationStatus.MissingHeaders);
    }

    [Fact]
    public void Reference_invalid_signature_is_rejected()
    {
        var headers = SignedAt(0);
        headers["webhook-signature"] = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLawdd";
        Verify(headers).Should().Be(WebhookVerificationStatus.InvalidSignature);
    }

    [Fact]
    public void Reference_valid_signature_is_valid_with_and_without_the_whsec_prefix()
    {
        Verify(SignedAt(0)).Should().Be(WebhookVerificationStatus.Valid);
        Verify(SignedAt(0), "whsec_" + BareSecret).Should().Be(WebhookVerificationStatus.Valid);
    }

    [Fact]
    public void Reference_old_and_new_timestamps_beyond_tolerance_are_rejected()
    {
        Verify(SignedAt(-301)).Should().Be(WebhookVerificationStatus.TimestampTooOld);
        Verify(SignedAt(301)).Should().Be(WebhookVerificationStatus.TimestampTooNew);
    }

    [Fact]
    public void Reference_multi_signature_header_with_one_valid_v1_is_valid()
    {
        var headers = SignedAt(0);
        headers["webhook-signature"] = string.Join(' ',
            "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
            "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
            headers["webhook-signature"],
            "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=");
        Verify(headers).Should().Be(WebhookVerificationStatus.Valid);
    }

    [Fact]
    public void Reference_sign_reproduces_the_spec_signature()
    {
        WebhookSigner.Sign(Id, 1614265330, Body, ["whsec_" + BareSecret])
            .Should().Be("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
