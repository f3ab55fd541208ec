using System.Net.Mail;
using CsCheck;
using Invitations.Validation;

namespace Invitations.Core.Tests.Validation;

public sealed class EmailAddressNormalizerTests
{
    [Theory]
    [InlineData("jane@example.com", "jane@example.com")]
    [InlineData("Jane.Doe@Example.COM", "Jane.Doe@example.com")]
    [InlineData("jane+tag@example.com", "jane+tag@example.com")]
    [InlineData("o'brien@example.co.uk", "o'brien@example.co.uk")]
    [InlineData("  jane@example.com  ", "jane@example.com")]
    [InlineData("\tjane@example.com\n", "jane@example.com")]
    [InlineData("user@gıthub.com", "user@xn--gthub-n4a.com")]
    [InlineData("user@аpple.com", "user@xn--pple-43d.com")]
    [InlineData("user@BÜCHER.de", "user@xn--bcher-kva.de")]
    [InlineData("user@bu\u0308cher.de", "user@xn--bcher-kva.de")]
    [InlineData("user@xn--gthub-n4a.com", "user@xn--gthub-n4a.com")]
    public void Valid_address_is_normalized(string input, string expected)
    {
        EmailAddressNormalizer.Normalize(input).Should().Be(expected);
    }

    [Theory]
    [InlineData("testing address@hotmail.com")]
    [InlineData("a@c.com, b@d.com")]
    [InlineData("a@c.com;b@d.com")]
    [InlineData("a(comment)@c.com")]
    [InlineData("a@c.com(comment)")]
    [InlineData("a@b")]
    [InlineData("a@localhost")]
    [InlineData("a@-c.com")]
    [InlineData("a@c-.com")]
    [InlineData("Jane <jane@example.com>")]
    [InlineData("\"Jane Doe\" <jane@example.com>")]
    [InlineData("<jane@example.com>")]
    [InlineData("\"john doe\"@example.com")]
    [InlineData("\"john\"@example.com")]
    [InlineData("\u212Aate@example.com")]
    [InlineData("mıke@example.org")]
    [InlineData("ſam@example.com")]
    [InlineData("a\u1FEFb@example.com")]
    [InlineData("ａ@example.com")]
    [InlineData("jané@example.com")]
    [InlineData("jane@example.com\r\nBcc: x@evil.example")]
    [InlineData("jane\n@example.com")]
    [InlineData("jane@exa\u0000mple.com")]
    [InlineData("a..b@c.com")]
    [InlineData(".a@c.com")]
    [InlineData("a.@c.com")]
    [InlineData("a@c..com")]
    [InlineData("a@c.com.")]
    [InlineData("a@.c.com")]
    [InlineData("a@1.2.3.4")]
    [InlineData("a@[127.0.0.1]")]
    [InlineData("a@b@c.com")]
    [InlineData("@c.com")]
    [InlineData("a@")]
    [InlineData("a")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("a@c_d.com")]
    public void Invalid_or_hostile_address_is_rejected(string? input)
    {
        EmailAddressNormalizer.Normalize(input).Should().BeNull();
    }

    // Not InlineData: xUnit serializes theory rows and replaces a lone surrogate with U+FFFD, so such a row tested
    // something else (and passed). Built in code, each input is checked to still hold its surrogate.
    public static TheoryData<string> LoneSurrogates() => new()
    {
        "a@" + '\uD800' + ".com",
        "a@exa" + '\uDC00' + "mple.com",
        "a@example.co" + '\uD83D',
        "a" + '\uD800' + "@example.com",
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates), DisableDiscoveryEnumeration = true)]
    public void Lone_surrogate_anywhere_is_rejected_without_an_exception(string input)
    {
        input.Any(char.IsSurrogate).Should().BeTrue("the row must reach the test intact");

        EmailAddressNormalizer.Normalize(input).Should().BeNull();
    }

    [Fact]
    public void Local_part_of_64_characters_is_accepted_and_65_rejected()
    {
        var ok = new string('a', 64) + "@example.com";
        var tooLong = new string('a', 65) + "@example.com";

        EmailAddressNormalizer.Normalize(ok).Should().Be(ok);
        EmailAddressNormalizer.Normalize(tooLong).Should().BeNull();
        MailAddress.TryCreate(tooLong, out _).Should().BeTrue("MailAddress alone would have let it through");
    }

    [Fact]
    public void Address_of_254_characters_is_accepted_and_255_rejected()
    {
        static string Of(int total)
        {
            var local = new string('a', 64);
            var lastLabel = total - 64 - 1 - 63 - 1 - 63 - 1 - 4;
            return $"{local}@{new string('b', 63)}.{new string('c', 63)}.{new string('d', lastLabel)}.com";
        }

        Of(254).Should().HaveLength(254);
        Of(255).Should().HaveLength(255);
        EmailAddressNormalizer.Normalize(Of(254)).Should().Be(Of(254));
        EmailAddressNormalizer.Normalize(Of(255)).Should().BeNull();
    }

    [Fact]
    public void Domain_label_of_63_characters_is_accepted_and_64_rejected()
    {
        EmailAddressNormalizer.Normalize($"a@{new string('b', 63)}.com").Should().NotBeNull();
        EmailAddressNormalizer.Normalize($"a@{new string('b', 64)}.com").Should().BeNull();
    }

    [Fact]
    public void Comparison_key_ignores_case_but_normalized_address_keeps_the_local_part()
    {
        var a = EmailAddressNormalizer.Normalize("Jane@EXAMPLE.com")!;
        var b = EmailAddressNormalizer.Normalize("jane@example.COM")!;

        a.Should().NotBe(b, "the local part is case-sensitive on the wire (RFC 5321 §2.4)");
        EmailAddressNormalizer.ComparisonKey(a).Should().Be(EmailAddressNormalizer.ComparisonKey(b));
    }

    [Theory]
    [InlineData("mıke@example.org", "mike@example.org")]
    [InlineData("\u212Aate@example.com", "kate@example.com")]
    [InlineData("ſam@example.com", "sam@example.com")]
    public void Lookalike_character_in_the_local_part_is_rejected_not_folded_into_another_address(string lookalike, string victim)
    {
        // GitHub 2016: a case-mapping collision delivered a victim's reset mail elsewhere. A non-ASCII
        // local part must be refused, never silently turned into the ASCII address it resembles.
        var normalized = EmailAddressNormalizer.Normalize(lookalike);

        normalized.Should().BeNull($"'{lookalike}' has a non-ASCII local part");
        EmailAddressNormalizer.Normalize(victim).Should().Be(victim);
    }

    private static readonly Gen<string> Part = Gen.Char["abcXYZ019.+-_'ıſäÄ\u212A\u0301 \"()<>,;:[]\\"].Array[0, 12].Select(a => new string(a));

    private static readonly Gen<string> Domain = Gen.Select(
        Gen.Char["abcdefXYZ019-ıäÄÜ。.\u0308"].Array[1, 12].Select(a => new string(a)),
        Gen.OneOf<string>(".com", ".DE", ".co.uk", "", ".", ".123"),
        (d, tld) => d + tld);

    private static readonly Gen<string> Plain = Gen.Select(
        Gen.Char["abcXYZ019.+-_"].Array[1, 10].Select(a => new string(a)),
        Gen.Char["abcDEF-"].Array[1, 8].Select(a => new string(a)),
        (l, d) => l + "@" + d + ".com");

    private static readonly Gen<string> Candidates = Gen.OneOf(
        Plain,
        Gen.Select(Part, Domain, (l, d) => l + "@" + d),
        Gen.Select(Gen.OneOf<string>(" ", "", "\t"), Part, Domain, (ws, l, d) => ws + l + "@" + d + ws),
        Gen.String);

    [Fact]
    public void Normalize_is_idempotent_and_its_output_is_ascii_within_limits()
    {
        var valid = 0;
        Candidates.Sample(input =>
        {
            var once = EmailAddressNormalizer.Normalize(input);
            if (once is null)
            {
                return;
            }

            Interlocked.Increment(ref valid);
            EmailAddressNormalizer.Normalize(once).Should().Be(once, "normalizing twice changes nothing");
            once.Should().MatchRegex("^[\\x21-\\x7E]+$", "normalized addresses are printable ASCII");
            once.Length.Should().BeLessThanOrEqualTo(254);
            once.IndexOf('@', StringComparison.Ordinal).Should().BeInRange(1, 64);
            var domain = once[(once.IndexOf('@', StringComparison.Ordinal) + 1)..];
            domain.Should().Be(domain.ToLowerInvariant());
            MailAddress.TryCreate(once, out var parsed).Should().BeTrue();
            parsed!.Address.Should().Be(once);
        }, iter: 20_000);

        valid.Should().BeGreaterThan(1000, "the generator produces enough valid addresses for the property to mean something");
    }
}
