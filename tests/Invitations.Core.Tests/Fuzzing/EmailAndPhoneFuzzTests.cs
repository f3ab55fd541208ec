using System.Text.RegularExpressions;
using CsCheck;
using Invitations.Validation;

namespace Invitations.Core.Tests.Fuzzing;

/// <summary>The e-mail and phone normalizers: a hostile input is null (the documented "invalid"), never an exception.</summary>
public sealed partial class EmailAndPhoneFuzzTests
{
    private static readonly Gen<string?> Emails = Gen.Frequency(
        (4, HostileText.Any),
        (3, HostileText.NearMiss("jane.doe@example.com").Select(s => (string?)s)),
        (2, HostileText.NearMiss("Ann+tag@bücher.example").Select(s => (string?)s)),
        (1, HostileText.NearMiss("x@xn--bcher-kva.example").Select(s => (string?)s)));

    private static readonly Gen<string?> Phones = Gen.Frequency(
        (4, HostileText.Any),
        (3, HostileText.NearMiss("+41791234567").Select(s => (string?)s)),
        (2, HostileText.NearMiss("0049 30 1234567").Select(s => (string?)s)),
        (2, HostileText.NearMiss("(201) 555-0123").Select(s => (string?)s)));

    private static readonly Gen<string?> Regions = Gen.Frequency(
        (4, Gen.OneOf<string?>(null, "DE", "US", "CH", "GB", "ZZ")),
        (1, Gen.OneOf<string?>("", "de", "D", "DEU", "001", "\0\0", "\uD800E")),
        (1, HostileText.Any));

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    [Fact]
    public void An_email_is_null_or_a_normalized_ascii_address_that_normalizes_to_itself()
    {
        Emails.Sample(input =>
        {
            var normalized = EmailAddressNormalizer.Normalize(input);
            if (normalized is null)
            {
                return;
            }

            normalized.Length.Should().BeLessThanOrEqualTo(254);
            normalized.Should().MatchRegex(@"^[\x21-\x7E]+$", "a normalized address is printable ASCII (IDN domains become punycode)");
            normalized.Count(c => c == '@').Should().Be(1);
            EmailAddressNormalizer.Normalize(normalized).Should().Be(normalized, "normalizing is idempotent");
            EmailAddressNormalizer.ComparisonKey(normalized).Should().Be(normalized.ToLowerInvariant());
        }, iter: 20_000);
    }

    [Fact]
    public void A_phone_number_is_null_or_e164_that_normalizes_to_itself()
    {
        Gen.Select(Phones, Regions, Gen.Bool).Sample((input, region, allowPremiumRate) =>
        {
            var normalized = PhoneNumberNormalizer.Normalize(input, region, allowPremiumRate);
            if (normalized is null)
            {
                return;
            }

            normalized.Should().MatchRegex(E164().ToString());
            PhoneNumberNormalizer.Normalize(normalized, null, allowPremiumRate).Should().Be(normalized, "normalizing is idempotent");
        }, iter: 10_000);
    }
}
