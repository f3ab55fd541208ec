using CsCheck;
using Invitations.Validation;
using PhoneNumbers;

namespace Invitations.Core.Tests.Validation;

public sealed class PhoneNumberNormalizerTests
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    [Theory]
    [InlineData("+49 151 12345678", null, "+4915112345678")]
    [InlineData("+4915112345678", null, "+4915112345678")]
    [InlineData("0151 12345678", "DE", "+4915112345678")]
    [InlineData("  0151/1234 5678 ", "DE", "+4915112345678")]
    [InlineData("0049 151 12345678", null, "+4915112345678")]
    [InlineData("0049 151 12345678", "US", "+4915112345678")]
    [InlineData("+1 650-253-0000", null, "+16502530000")]
    [InlineData("(650) 253-0000", "US", "+16502530000")]
    [InlineData("+41 44 668 18 00", null, "+41446681800")]
    [InlineData("044 668 18 00", "CH", "+41446681800")]
    public void Valid_number_is_returned_in_e164(string input, string? region, string expected)
    {
        PhoneNumberNormalizer.Normalize(input, region).Should().Be(expected);
    }

    [Theory]
    [InlineData("0151 12345678", null)]
    [InlineData("+4915112345678901", null)]
    [InlineData("+1234567890123456", null)]
    [InlineData("004915112345678901", null)]
    [InlineData("", "DE")]
    [InlineData("   ", "DE")]
    [InlineData(null, "DE")]
    [InlineData("abc", "DE")]
    [InlineData("+", null)]
    [InlineData("12", "DE")]
    [InlineData("+49 151 1234567\r\n8", null)]
    [InlineData("+0 151 12345678", null)]
    [InlineData("+999 12345678", null)]
    public void Invalid_number_is_rejected_without_an_exception(string? input, string? region)
    {
        PhoneNumberNormalizer.Normalize(input, region).Should().BeNull();
    }

    [Fact]
    public void Very_long_input_is_rejected_without_parsing()
    {
        PhoneNumberNormalizer.Normalize("+49" + new string('1', 10_000), null).Should().BeNull();
        PhoneNumberNormalizer.Normalize(new string(' ', 41) + "+4915112345678", null).Should().BeNull();
    }

    [Theory]
    [InlineData("DE")]
    [InlineData("GB")]
    [InlineData("FR")]
    [InlineData("US")]
    [InlineData("CH")]
    [InlineData("AT")]
    public void Premium_rate_and_shared_cost_numbers_are_refused_unless_allowed(string region)
    {
        foreach (var type in new[] { PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST })
        {
            var example = Util.GetExampleNumberForType(region, type);
            if (example is null)
            {
                continue;
            }

            var e164 = Util.Format(example, PhoneNumberFormat.E164);
            PhoneNumberNormalizer.Normalize(e164, null).Should().BeNull($"{type} {e164} costs the host money (SMS pumping)");
            PhoneNumberNormalizer.Normalize(Util.Format(example, PhoneNumberFormat.NATIONAL), region).Should().BeNull();
            PhoneNumberNormalizer.Normalize(e164, null, allowPremiumRate: true).Should().Be(e164, "the refusal is a policy, not a parse failure");
        }

        Util.GetExampleNumberForType(region, PhoneNumberType.PREMIUM_RATE).Should().NotBeNull("the region has premium-rate numbers to test");
    }

    [Theory]
    [InlineData("DE")]
    [InlineData("US")]
    [InlineData("GB")]
    [InlineData("FR")]
    [InlineData("CH")]
    [InlineData("IN")]
    [InlineData("BR")]
    [InlineData("JP")]
    [InlineData("AU")]
    [InlineData("NG")]
    public void National_international_and_00_forms_of_a_mobile_number_all_give_the_same_e164(string region)
    {
        var example = Util.GetExampleNumberForType(region, PhoneNumberType.MOBILE);
        var e164 = Util.Format(example, PhoneNumberFormat.E164);

        PhoneNumberNormalizer.Normalize(Util.Format(example, PhoneNumberFormat.NATIONAL), region).Should().Be(e164);
        PhoneNumberNormalizer.Normalize(Util.Format(example, PhoneNumberFormat.INTERNATIONAL), null).Should().Be(e164);
        PhoneNumberNormalizer.Normalize("00" + e164[1..], null).Should().Be(e164);
        e164.Should().MatchRegex(@"^\+[1-9][0-9]{1,14}$");
    }

    [Fact]
    public void Normalize_is_idempotent_and_always_yields_e164()
    {
        var valid = 0;
        var gen = Gen.Select(Gen.OneOf<string>("+49 151 ", "0151 ", "0049 30 ", "+1 650 ", "(650) ", "+44 7", "+0", "", "+"), Gen.Char["0123456789 -()/"].Array[0, 14], Gen.OneOf<string?>("DE", "US", "GB", null),
            (prefix, digits, region) => (Input: prefix + new string(digits), Region: region));
        gen.Sample(x =>
        {
            var once = PhoneNumberNormalizer.Normalize(x.Input, x.Region);
            if (once is null)
            {
                return;
            }

            Interlocked.Increment(ref valid);
            once.Should().MatchRegex(@"^\+[1-9][0-9]{1,14}$");
            PhoneNumberNormalizer.Normalize(once, null).Should().Be(once);
            PhoneNumberNormalizer.Normalize(once, x.Region).Should().Be(once);
        }, iter: 5_000);

        valid.Should().BeGreaterThan(50);
    }
}
