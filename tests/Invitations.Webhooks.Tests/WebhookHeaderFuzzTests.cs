using System.Globalization;
using System.Text;
using CsCheck;
using Invitations.Core.Tests.Fuzzing;
using NodaTime;
using NodaTime.Testing;

namespace Invitations.Webhooks.Tests;

/// <summary>
/// The receiver-side parsers (issue 13 test plan): hostile <c>webhook-*</c> header values and secrets give only the
/// documented outcomes, and no near miss of a valid request verifies.
/// </summary>
public sealed class WebhookHeaderFuzzTests
{
    private const long Now = 1_764_000_000;
    private const string Id = "fact_0192f0c4b1a27d3e9c5b6a4f8e2d1c0b";
    private static readonly string Timestamp = Now.ToString(CultureInfo.InvariantCulture);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":"INVITE_SENT","id":"fact_1"}""");
    private static readonly string Secret = WebhookSecret.Generate();
    private static readonly string Signature = WebhookSigner.Sign(Id, Now, Body, [Secret]);

    private static readonly WebhookVerifier Verifier =
        new([Secret], WebhookVerifier.DefaultTolerance, new FakeClock(Instant.FromUnixTimeSeconds(Now)));

    private static Gen<string?> HeaderValue(string valid) => Gen.Frequency(
        (2, HostileText.Any),
        (2, HostileText.NearMiss(valid).Select(s => (string?)s)),
        (3, Gen.Const((string?)valid)));

    [Fact]
    public void Hostile_header_values_give_the_documented_result_and_only_the_exact_id_and_timestamp_verify()
    {
        Gen.Select(HeaderValue(Id), HeaderValue(Timestamp), HeaderValue(Signature)).Sample((id, timestamp, signature) =>
        {
            var result = Verifier.Verify(id, timestamp, signature, Body);

            Enum.IsDefined(result).Should().BeTrue();
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
            {
                result.Should().Be(WebhookVerificationStatus.MissingHeaders);
            }
            else if (!IsUnixSeconds(timestamp))
            {
                result.Should().Be(WebhookVerificationStatus.InvalidTimestamp);
            }

            if (result == WebhookVerificationStatus.Valid)
            {
                // The HMAC covers the id and the timestamp as sent: no other spelling (leading zero, "+", spaces) verifies.
                id.Should().Be(Id);
                timestamp.Should().Be(Timestamp);
            }
        }, iter: 20_000);
    }

    [Fact]
    public void The_real_signature_among_hostile_entries_verifies_and_a_changed_significant_character_does_not()
    {
        const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var encoded = Signature["v1,".Length..];
        var noise = HostileText.Text.Select(s => s.Replace(" ", string.Empty, StringComparison.Ordinal)).Where(s => !s.Contains(encoded, StringComparison.Ordinal));

        // 32 bytes are 44 base64 characters: 42 carry 6 bits each, the 43rd only 2 significant bits, then "=".
        Gen.Select(noise.Array[0, 4], noise.Array[0, 4], Gen.Int[0, encoded.Length - 3], Gen.Char[Base64])
            .Sample((before, after, position, replacement) =>
            {
                var header = string.Join(' ', before.Append(Signature).Concat(after));
                Verifier.Verify(Id, Timestamp, header, Body).Should().Be(
                    header.Length <= 16 * 1024 ? WebhookVerificationStatus.Valid : WebhookVerificationStatus.InvalidSignature);

                if (encoded[position] != replacement)
                {
                    var forged = "v1," + string.Concat(encoded.AsSpan(0, position), replacement.ToString(), encoded.AsSpan(position + 1));
                    Verifier.Verify(Id, Timestamp, forged, Body).Should().Be(WebhookVerificationStatus.InvalidSignature);
                }
            }, iter: 10_000);
    }

    [Fact]
    public void A_hostile_secret_is_refused_by_try_decode_or_decodes_to_24_to_64_bytes()
    {
        var secrets = Gen.Frequency(
            (2, HostileText.Any),
            (3, HostileText.NearMiss(Secret).Select(s => (string?)s)),
            (1, HostileText.Text.Select(s => (string?)("whsec_" + s))));

        secrets.Sample(secret =>
        {
            if (WebhookSecret.TryDecode(secret, out var key))
            {
                secret.Should().StartWith("whsec_");
                key.Length.Should().BeInRange(24, 64);
            }

            var create = () => new WebhookVerifier([secret!], WebhookVerifier.DefaultTolerance, new FakeClock(Instant.FromUnixTimeSeconds(Now)));
            if (WebhookSecret.TryDecodeLenient(secret, out _))
            {
                create.Should().NotThrow();
            }
            else
            {
                create.Should().Throw<ArgumentException>("the documented exception for a malformed secret");
            }
        }, iter: 10_000);
    }

    [Fact]
    public void A_timestamp_with_a_trailing_nul_is_invalid_even_when_signed_as_sent()
    {
        // Found by the fuzz test above: long.TryParse ignores trailing NULs, so "1764000000\0" passed as a number and,
        // signed with that exact string, verified.
        var timestamp = Timestamp + "\0";
        WebhookSecret.TryDecode(Secret, out var key).Should().BeTrue();
        var signature = "v1," + Convert.ToBase64String(WebhookSigner.ComputeHash(key!, Id, timestamp, Body));

        Verifier.Verify(Id, timestamp, signature, Body).Should().Be(WebhookVerificationStatus.InvalidTimestamp);
    }

    private static bool IsUnixSeconds(string value) =>
        value.Length <= 19 && value.All(char.IsAsciiDigit) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
