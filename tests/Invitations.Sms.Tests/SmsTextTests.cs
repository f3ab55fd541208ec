using Invitations.Sms.Internal;

namespace Invitations.Sms.Tests;

public sealed class SmsTextTests
{
    private const string Link = "https://app.example.com/i/abcdefghijklmnopqrstuvwxyz0123456789";

    // A length cap alone: these cases are about where the cut falls, not about segments.
    private static SmsBudget Chars(int maxLength) => new(maxLength, MaxSegments: 255);

    [Fact]
    public void Text_within_the_limit_is_unchanged()
    {
        SmsText.Cut("Hello " + Link, Chars(320)).Should().Be("Hello " + Link);
    }

    [Fact]
    public void Text_without_a_link_is_cut_at_a_word_boundary()
    {
        var cut = SmsText.Cut("one two three four five six seven eight nine ten", Chars(22));

        cut.Should().Be("one two three four");
    }

    [Fact]
    public void Prose_before_the_link_is_shortened_so_the_link_stays_whole()
    {
        var text = new string('a', 50) + " please register at " + Link + " thanks";

        var cut = SmsText.Cut(text, Chars(80))!;

        cut.Length.Should().BeLessThanOrEqualTo(80);
        cut.Should().EndWith(" " + Link);
    }

    [Fact]
    public void Text_after_the_link_is_shortened_first_when_the_link_fits_with_its_prefix()
    {
        var text = "Register: " + Link + " " + string.Join(' ', Enumerable.Repeat("thanks", 30));

        var cut = SmsText.Cut(text, Chars(100))!;

        cut.Length.Should().BeLessThanOrEqualTo(100);
        cut.Should().StartWith("Register: " + Link + " thanks");
    }

    [Fact]
    public void A_second_link_that_does_not_fit_is_dropped_whole()
    {
        var text = "Register: " + Link + " Help: https://help.example.com/a/very/long/path/that/does/not/fit";

        var cut = SmsText.Cut(text, Chars(90))!;

        cut.Should().Be("Register: " + Link + " Help:");
    }

    [Fact]
    public void A_link_longer_than_the_limit_gives_null()
    {
        SmsText.Cut("Hi " + Link, Chars(30)).Should().BeNull();
    }

    [Fact]
    public void A_surrogate_pair_is_never_split()
    {
        var text = new string('a', 19) + "😀😀😀";

        var cut = SmsText.Cut(text, Chars(20))!;

        cut.Should().Be(new string('a', 19));
    }

    [Fact]
    public void Http_links_are_protected_too()
    {
        var text = new string('x', 40) + " http://localhost:5000/i/abcdef";

        SmsText.Cut(text, Chars(40))!.Should().EndWith("http://localhost:5000/i/abcdef");
    }
}
