using System.Text;
using NodaTime;
using NodaTime.Testing;

namespace Invitations.Webhooks.Tests;

public sealed class WebhookVerifierTests
{
    // The Standard Webhooks 1.0 spec's published example (spec/standard-webhooks.md).
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long SpecTimestamp = 1614265330;
    private const string SpecPayload = "{\"test\": 2432232314}";
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly byte[] SpecBody = Encoding.UTF8.GetBytes(SpecPayload);

    private static WebhookVerifier VerifierAt(long unixSeconds, params string[] secrets) =>
        new(secrets.Length == 0 ? [SpecSecret] : secrets, WebhookVerifier.DefaultTolerance, new FakeClock(Instant.FromUnixTimeSeconds(unixSeconds)));

    private static Dictionary<string, string> Headers(string id, long timestamp, string signature) => new()
    {
        [WebhookHeaders.Id] = id,
        [WebhookHeaders.Timestamp] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [WebhookHeaders.Signature] = signature,
    };

    [Fact]
    public void Spec_test_vector_is_accepted_by_the_verifier()
    {
        VerifierAt(SpecTimestamp).Verify(Headers(SpecId, SpecTimestamp, SpecSignature), SpecBody)
            .Should().Be(WebhookVerificationStatus.Valid);
    }

    [Fact]
    public void Spec_test_vector_is_reproduced_by_the_signer()
    {
        WebhookSigner.Sign(SpecId, SpecTimestamp, SpecBody, [SpecSecret]).Should().Be(SpecSignature);
    }

    [Fact]
    public void Spec_test_vector_string_body_overload_is_accepted()
    {
        VerifierAt(SpecTimestamp).Verify(Headers(SpecId, SpecTimestamp, SpecSignature), SpecPayload)
            .Should().Be(WebhookVerificationStatus.Valid);
    }

    [Fact]
    public void Secret_without_whsec_prefix_is_accepted_by_the_verifier()
    {
        VerifierAt(SpecTimestamp, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").Verify(Headers(SpecId, SpecTimestamp, SpecSignature), SpecBody)
            .Should().Be(WebhookVerificationStatus.Valid);
    }

    [Fact]
    public void Raw_key_verifier_accepts_the_spec_vector()
    {
        var key = Convert.FromBase64String("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        var verifier = new WebhookVerifier([key], Duration.FromMinutes(5), new FakeClock(Instant.FromUnixTimeSeconds(SpecTimestamp)));
        verifier.Verify(SpecId, "1614265330", SpecSignature, SpecBody).Should().Be(WebhookVerificationStatus.Valid);
    }

    [Theory]
    [InlineData(-300, WebhookVerificationStatus.Valid)]
    [InlineData(300, WebhookVerificationStatus.Valid)]
    [InlineData(-301, WebhookVerificationStatus.TimestampTooNew)]
    [InlineData(301, WebhookVerificationStatus.TimestampTooOld)]
    [InlineData(0, WebhookVerificationStatus.Valid)]
    public void Tolerance_is_300_seconds_either_way(long clockOffsetSeconds, WebhookVerificationStatus expected)
    {
        // The clock runs clockOffsetSeconds after (positive) or before (negative) the signed timestamp.
        VerifierAt(SpecTimestamp + clockOffsetSeconds).Verify(Headers(SpecId, SpecTimestamp, SpecSignature), SpecBody)
            .Should().Be(expected);
    }

    [Fact]
    public void Replayed_old_message_is_rejected_as_too_old()
    {
        VerifierAt(SpecTimestamp + 86_400).Verify(Headers(SpecId, SpecTimestamp, SpecSignature), SpecBody)
            .Should().Be(WebhookVerificationStatus.TimestampTooOld);
    }

    [Fact]
    public void Re_signing_an_old_signature_with_a_fresh_timestamp_fails()
    {
        // An attacker replays the body and signature with a current timestamp: the signature covers the timestamp.
        VerifierAt(SpecTimestamp + 86_400).Verify(Headers(SpecId, SpecTimestamp + 86_400, SpecSignature), SpecBody)
            .Should().Be(WebhookVerificationStatus.InvalidSignature);
    }

    [Fact]
    public void Tampered_body_is_rejected()
    {
        var tampered = Encoding.UTF8.GetBytes("{\"test\": 2432232315}");
        VerifierAt(SpecTimestamp).Verify(Headers(SpecId, SpecTimestamp, SpecSignature), tampered)
            .Should().Be(WebhookVerificationStatus.InvalidSignature);
    }

    [Fact]
    public void Tampered_id_is_rejected()
    {
        VerifierAt(SpecTimestamp).Verify(Headers(SpecId + "x", SpecTimestamp, SpecSignature), SpecBody)
            .Should().Be(WebhookVerificationStatus.InvalidSignature);
    }

    [Fact]
    public void Wrong_secret_is_rejected()
    {
        VerifierAt(SpecTimestamp, WebhookSecret.Generate()).Verify(Headers(SpecId, SpecTimestamp, SpecSignature), SpecBody)
            .Should().Be(WebhookVerificationStatus.InvalidSignature);
    }

    [Theory]
    [InlineData(WebhookHeaders.Id)]
    [InlineData(WebhookHeaders.Timestamp)]
    [InlineData(WebhookHeaders.Signature)]
    public void Missing_header_is_reported(string missing)
    {
        var headers = Headers(SpecId, SpecTimestamp, SpecSignature);
        headers.Remove(missing);
        VerifierAt(SpecTimestamp).Verify(headers, SpecBody).Should().Be(WebhookVerificationStatus.MissingHeaders);
    }

    [Fact]
    public void Empty_header_values_are_reported_as_missing()
    {
        VerifierAt(SpecTimestamp).Verify("", "", "", SpecBody).Should().Be(WebhookVerificationStatus.MissingHeaders);
        VerifierAt(SpecTimestamp).Verify(null, null, null, SpecBody).Should().Be(WebhookVerificationStatus.MissingHeaders);
    }

    [Fact]
    public void Header_names_match_case_insensitively()
    {
        var headers = new Dictionary<string, string>
        {
            ["Webhook-Id"] = SpecId,
            ["WEBHOOK-TIMESTAMP"] = "1614265330",
            ["Webhook-Signature"] = SpecSignature,
        };
        VerifierAt(SpecTimestamp).Verify(headers, SpecBody).Should().Be(WebhookVerificationStatus.Valid);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1614265330")]
    [InlineData("+1614265330")]
    [InlineData("1614265330.5")]
    [InlineData(" 1614265330")]
    [InlineData("1e9")]
    [InlineData("99999999999999999999999999")]
    [InlineData("１６１４２６５３３０")]
    public void Garbage_timestamp_is_an_invalid_timestamp(string timestamp)
    {
        VerifierAt(SpecTimestamp).Verify(SpecId, timestamp, SpecSignature, SpecBody)
            .Should().Be(WebhookVerificationStatus.InvalidTimestamp);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1,")]
    [InlineData(",")]
    [InlineData("v1,,")]
    [InlineData("v1,not-base64!!")]
    [InlineData("v1,AAAA")]
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE")]
    [InlineData("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("V1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=AAAA")]
    [InlineData("     ")]
    [InlineData("v1,\u0000\u0001\u0002")]
    [InlineData("v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v2,abc")]
    public void Garbage_signature_header_is_an_invalid_signature_without_exceptions(string signature)
    {
        var act = () => VerifierAt(SpecTimestamp).Verify(SpecId, "1614265330", signature, SpecBody);
        act.Should().NotThrow().Which.Should().Be(WebhookVerificationStatus.InvalidSignature);
    }

    [Fact]
    public void Huge_headers_are_rejected_without_exceptions()
    {
        var huge = new string('v', 1_000_000);
        var verifier = VerifierAt(SpecTimestamp);
        verifier.Verify(huge, "1614265330", SpecSignature, SpecBody).Should().Be(WebhookVerificationStatus.InvalidSignature);
        verifier.Verify(SpecId, "1614265330", huge, SpecBody).Should().Be(WebhookVerificationStatus.InvalidSignature);
        verifier.Verify(SpecId, huge, SpecSignature, SpecBody).Should().Be(WebhookVerificationStatus.InvalidTimestamp);
        verifier.Verify(SpecId, "1614265330", string.Join(' ', Enumerable.Repeat("v1,AAAA", 1000)), SpecBody)
            .Should().Be(WebhookVerificationStatus.InvalidSignature);
    }

    [Fact]
    public void Several_signatures_are_accepted_when_any_v1_matches_and_other_versions_are_ignored()
    {
        var header = $"v1a,xyz v2,{SpecSignature[3..]} v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= {SpecSignature}";
        VerifierAt(SpecTimestamp).Verify(SpecId, "1614265330", header, SpecBody).Should().Be(WebhookVerificationStatus.Valid);
    }

    [Fact]
    public void Rotation_two_secrets_give_two_signatures_and_a_verifier_holding_either_accepts()
    {
        var oldSecret = WebhookSecret.Generate();
        var newSecret = WebhookSecret.Generate();
        var header = WebhookSigner.Sign(SpecId, SpecTimestamp, SpecBody, [newSecret, oldSecret]);

        header.Split(' ').Should().HaveCount(2).And.OnlyContain(s => s.StartsWith("v1,", StringComparison.Ordinal));
        VerifierAt(SpecTimestamp, oldSecret).Verify(SpecId, "1614265330", header, SpecBody).Should().Be(WebhookVerificationStatus.Valid);
        VerifierAt(SpecTimestamp, newSecret).Verify(SpecId, "1614265330", header, SpecBody).Should().Be(WebhookVerificationStatus.Valid);
        VerifierAt(SpecTimestamp, WebhookSecret.Generate()).Verify(SpecId, "1614265330", header, SpecBody)
            .Should().Be(WebhookVerificationStatus.InvalidSignature);
    }

    [Fact]
    public void Verifier_holding_two_secrets_accepts_a_message_signed_with_either()
    {
        var a = WebhookSecret.Generate();
        var b = WebhookSecret.Generate();
        var verifier = VerifierAt(SpecTimestamp, a, b);
        verifier.Verify(SpecId, "1614265330", WebhookSigner.Sign(SpecId, SpecTimestamp, SpecBody, [a]), SpecBody).Should().Be(WebhookVerificationStatus.Valid);
        verifier.Verify(SpecId, "1614265330", WebhookSigner.Sign(SpecId, SpecTimestamp, SpecBody, [b]), SpecBody).Should().Be(WebhookVerificationStatus.Valid);
    }

    [Fact]
    public void TryVerifyFact_returns_the_fact_for_a_valid_request()
    {
        var fact = TestData.Fact(FactTypes.InviteAccepted);
        var body = InvitationJson.SerializeFact(fact);
        var secret = WebhookSecret.Generate();
        var id = fact.Id.ToString();
        var headers = Headers(id, SpecTimestamp, WebhookSigner.Sign(id, SpecTimestamp, body, [secret]));

        VerifierAt(SpecTimestamp, secret).TryVerifyFact(headers, body, out var received).Should().BeTrue();
        received!.Id.Should().Be(fact.Id);
        received.Type.Should().Be(FactTypes.InviteAccepted);
        received.NewValue!.GivenName.Should().Be("Zoë 😀");
    }

    [Fact]
    public void TryVerifyFact_is_false_for_an_invalid_signature_or_a_body_that_is_not_a_fact()
    {
        var secret = WebhookSecret.Generate();
        var verifier = VerifierAt(SpecTimestamp, secret);
        verifier.TryVerifyFact(Headers(SpecId, SpecTimestamp, SpecSignature), SpecBody, out var fact).Should().BeFalse();
        fact.Should().BeNull();

        foreach (var text in new[] { "{\"test\": 2432232314}", "null", "not json", "", "[1,2]", "{\"id\": 5}" })
        {
            var body = Encoding.UTF8.GetBytes(text);
            var headers = Headers(SpecId, SpecTimestamp, WebhookSigner.Sign(SpecId, SpecTimestamp, body, [secret]));
            var act = () => verifier.TryVerifyFact(headers, body, out fact);
            act.Should().NotThrow().Which.Should().BeFalse(text);
        }
    }

    [Fact]
    public void Verifier_rejects_bad_configuration_at_construction()
    {
        var clock = new FakeClock(Instant.FromUnixTimeSeconds(SpecTimestamp));
        ((Action)(() => _ = new WebhookVerifier())).Should().Throw<ArgumentException>();
        ((Action)(() => _ = new WebhookVerifier("whsec_!!!"))).Should().Throw<ArgumentException>();
        ((Action)(() => _ = new WebhookVerifier([SpecSecret], Duration.Zero, clock))).Should().Throw<ArgumentException>();
        ((Action)(() => _ = new WebhookVerifier(new[] { Array.Empty<byte>() }, Duration.FromMinutes(5), clock))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Secret_generation_and_decoding_follow_the_24_to_64_byte_rule()
    {
        WebhookSecret.TryDecode(WebhookSecret.Generate(), out var key).Should().BeTrue();
        key.Should().HaveCount(32);
        WebhookSecret.TryDecode(SpecSecret, out key).Should().BeTrue();
        key.Should().HaveCount(24);
        WebhookSecret.TryDecode("whsec_" + Convert.ToBase64String(new byte[23]), out _).Should().BeFalse();
        WebhookSecret.TryDecode("whsec_" + Convert.ToBase64String(new byte[64]), out _).Should().BeTrue();
        WebhookSecret.TryDecode("whsec_" + Convert.ToBase64String(new byte[65]), out _).Should().BeFalse();
        WebhookSecret.TryDecode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", out _).Should().BeFalse();
        WebhookSecret.TryDecode(null, out _).Should().BeFalse();
        WebhookSecret.TryDecode("whsec_", out _).Should().BeFalse();
    }
}
