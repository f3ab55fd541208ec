using System.Globalization;
using System.Text;
using CsCheck;
using NodaTime;
using NodaTime.Testing;

namespace Invitations.Webhooks.Tests;

public sealed class SignaturePropertyTests
{
    private static readonly Gen<int> Scalar = Gen.Frequency(
        (4, Gen.Int[0x20, 0x7E]),
        (1, Gen.Int[0x00, 0x1F]),
        (2, Gen.Int[0x80, 0xD7FF]),
        (1, Gen.Int[0xE000, 0xFFFD]),
        (2, Gen.Int[0x10000, 0x10FFFF]));

    private static readonly Gen<byte[]> Payload = Gen.Frequency(
            (1, Gen.Const(0)),
            (6, Gen.Int[1, 200]),
            (2, Gen.Int[200, 4000]),
            (1, Gen.Const(20 * 1024)))
        .SelectMany(length => Scalar.Array[length])
        .Select(scalars => Encoding.UTF8.GetBytes(string.Concat(scalars.Select(char.ConvertFromUtf32))));

    private static readonly long Now = 1_764_000_000;

    [Fact]
    public void Random_payloads_sign_then_verify_as_valid_and_any_flipped_byte_is_an_invalid_signature()
    {
        var secret = WebhookSecret.Generate();
        var verifier = new WebhookVerifier([secret], WebhookVerifier.DefaultTolerance, new FakeClock(Instant.FromUnixTimeSeconds(Now)));

        Gen.Select(Payload, Gen.Int[-300, 300], Gen.Int[0, int.MaxValue], Gen.Byte[1, 255])
            .Sample((body, skew, position, mask) =>
            {
                var id = "fact_" + Guid.NewGuid().ToString("N");
                var timestamp = Now + skew;
                var signature = WebhookSigner.Sign(id, timestamp, body, [secret]);
                var ts = timestamp.ToString(CultureInfo.InvariantCulture);

                verifier.Verify(id, ts, signature, body).Should().Be(WebhookVerificationStatus.Valid);

                if (body.Length > 0)
                {
                    var flipped = (byte[])body.Clone();
                    flipped[position % flipped.Length] ^= mask;
                    verifier.Verify(id, ts, signature, flipped).Should().Be(WebhookVerificationStatus.InvalidSignature);
                }

                var longer = body.Append((byte)mask).ToArray();
                verifier.Verify(id, ts, signature, longer).Should().Be(WebhookVerificationStatus.InvalidSignature);
            }, iter: 2_000);
    }

    [Fact]
    public void Arbitrary_header_strings_never_throw()
    {
        var verifier = new WebhookVerifier([WebhookSecret.Generate()], WebhookVerifier.DefaultTolerance, new FakeClock(Instant.FromUnixTimeSeconds(Now)));
        var text = Gen.Frequency((3, Gen.String), (1, Gen.Const((string)null!)), (1, Gen.Const("")), (1, Gen.String[Gen.Char["v1, =+/0123456789"], 0, 100]));
        Gen.Select(text, text, text, Gen.Byte.Array[0, 64])
            .Sample((id, ts, sig, body) =>
            {
                var result = verifier.Verify(id, ts, sig, body);
                result.Should().NotBe(WebhookVerificationStatus.Valid);
            }, iter: 5_000);
    }

    [Fact]
    public void TryVerifyFact_never_throws_on_validly_signed_mangled_fact_json()
    {
        var secret = WebhookSecret.Generate();
        var verifier = new WebhookVerifier([secret], WebhookVerifier.DefaultTolerance, new FakeClock(Instant.FromUnixTimeSeconds(Now)));
        var json = Invitations.InvitationJson.SerializeFact(TestData.Fact());
        var ts = Now.ToString(CultureInfo.InvariantCulture);

        Gen.Select(Gen.Int[0, json.Length - 1].Array[1, 8], Gen.Byte.Array[8], Gen.Int[0, json.Length])
            .Sample((positions, values, cut) =>
            {
                var body = json.AsSpan(0, Math.Max(cut, 1)).ToArray();
                for (var i = 0; i < positions.Length; i++)
                {
                    if (positions[i] < body.Length)
                    {
                        body[positions[i]] = values[i];
                    }
                }

                var headers = new Dictionary<string, string>
                {
                    [WebhookHeaders.Id] = "msg_1",
                    [WebhookHeaders.Timestamp] = ts,
                    [WebhookHeaders.Signature] = WebhookSigner.Sign("msg_1", Now, body, [secret]),
                };
                var act = () => verifier.TryVerifyFact(headers, body, out _);
                act.Should().NotThrow();
            }, iter: 3_000);
    }
}
