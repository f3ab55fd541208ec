using CsCheck;
using Invitations.Sms.Internal;

namespace Invitations.Sms.Tests;

/// <summary>The cut by segments: GSM-7 against UCS-2 budgets, with the link never cut.</summary>
public sealed class SmsSegmentCutTests
{
    private const string Link = "https://app.example.com/i/Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg";
    private const string Emoji = "\U0001F600";

    private static readonly SmsBudget Default = new(new HttpSmsOptions().MaxLength, new HttpSmsOptions().MaxSegments);

    private static string Words(int count) => string.Join(' ', Enumerable.Repeat("Willkommen", count));

    [Fact]
    public void Gsm7_text_is_cut_to_max_length_when_its_segments_allow_more()
    {
        var cut = SmsText.Cut(Words(40) + " " + Link, Default)!;

        cut.Length.Should().BeLessThanOrEqualTo(320);
        cut.Length.Should().BeGreaterThan(300, "three GSM-7 segments hold 459 septets, so MaxLength is the binding limit");
        cut.Should().EndWith(" " + Link);
        SmsSegmentCounter.Measure(cut).Should().Be(new SmsMeasure(SmsEncoding.Gsm7, cut.Length, 3));
    }

    [Fact]
    public void One_emoji_makes_the_budget_three_ucs2_segments()
    {
        var cut = SmsText.Cut(Emoji + " " + Words(40) + " " + Link, Default)!;

        var measure = SmsSegmentCounter.Measure(cut);
        measure.Encoding.Should().Be(SmsEncoding.Ucs2);
        measure.Length.Should().BeInRange(190, 201, "three UCS-2 segments hold 3 × 67 code units");
        measure.Segments.Should().Be(3);
        cut.Should().StartWith(Emoji + " Willkommen").And.EndWith(" " + Link);
    }

    [Fact]
    public void An_emoji_after_the_link_is_dropped_first_and_the_rest_stays_gsm7()
    {
        var text = "Hallo Jane, registriere dich: " + Link + " " + Words(30) + " " + Emoji;

        var cut = SmsText.Cut(text, new SmsBudget(1000, 2))!;

        SmsSegmentCounter.Measure(cut).Should().Be(new SmsMeasure(SmsEncoding.Gsm7, cut.Length, 2));
        cut.Should().StartWith("Hallo Jane, registriere dich: " + Link + " Willkommen");
        cut.Length.Should().BeGreaterThan(290, "GSM-7 allows 306 in two segments; UCS-2 would allow only 134");
    }

    [Fact]
    public void One_segment_of_gsm7_keeps_160_septets()
    {
        var cut = SmsText.Cut(Words(20) + " " + Link, new SmsBudget(320, 1))!;

        cut.Length.Should().BeLessThanOrEqualTo(160).And.BeGreaterThan(145);
        cut.Should().EndWith(" " + Link);
    }

    [Fact]
    public void Extension_characters_count_two_septets()
    {
        var cut = SmsText.Cut("{[€]} " + Words(20) + " " + Link, new SmsBudget(320, 1))!;

        cut.Should().StartWith("{[€]} Willkommen").And.EndWith(" " + Link);
        cut.Length.Should().BeLessThanOrEqualTo(155, "five extension characters take ten septets of the 160");
        SmsSegmentCounter.Measure(cut).Segments.Should().Be(1);
    }

    [Fact]
    public void The_prose_goes_before_the_link_is_cut_even_in_one_ucs2_segment()
    {
        var cut = SmsText.Cut("Hallo " + Emoji + " Jane, registriere dich: " + Link, new SmsBudget(320, 1));

        // 69 for the link leaves no room for the emoji (2) and a space: the GSM-7 prose before it is kept instead.
        cut.Should().Be("Hallo " + Link);
    }

    [Fact]
    public void A_link_that_does_not_fit_the_segments_is_refused()
    {
        var link = "https://app.example.com/i/" + new string('Ж', 10) + new string('a', 50);

        SmsText.Cut("Hi " + link, new SmsBudget(320, 1)).Should().BeNull("the link alone is 86 UCS-2 code units");
        SmsText.Cut("Hi " + link, new SmsBudget(320, 2)).Should().Be("Hi " + link);
    }

    [Fact]
    public void A_surrogate_pair_is_never_split_by_a_segment_cut()
    {
        var text = new string('a', 69) + Emoji;

        SmsText.Cut(text, new SmsBudget(320, 1)).Should().Be(new string('a', 69), "70 code units leave 1, not the 2 the emoji needs, and never half of it");
        SmsText.Cut(new string('a', 68) + Emoji + "b", new SmsBudget(320, 1)).Should().Be(new string('a', 68) + Emoji);
    }

    private static readonly Gen<string> Letter = Gen.Frequency(
        (8, Gen.Char["abcdefghijklmnopqrstuvwxyz ABCXYZ.,!?0123456789"].Select(c => c.ToString())),
        (2, Gen.Char["{}[]€~^|\\\f"].Select(c => c.ToString())),
        (2, Gen.Char["äöüßéÅØæ£¥§¿¡\n"].Select(c => c.ToString())),
        (1, Gen.Char["çôЖжαλ中文`"].Select(c => c.ToString())),
        (1, Gen.Int[0x1F300, 0x1FAFF].Select(char.ConvertFromUtf32)));

    // Text after the first link may hold more links (whole, dropped whole); text before it holds none.
    private static readonly Gen<string> LetterOrLink = Gen.Frequency(
        (20, Letter),
        (1, Gen.Const(" https://help.example.com/" + new string('p', 20))));

    private static readonly Gen<int> ProseLength = Gen.Frequency((1, Gen.Const(0)), (4, Gen.Int[1, 80]), (3, Gen.Int[80, 700]));

    private static readonly Gen<string> Before = ProseLength.SelectMany(n => Letter.Array[n]).Select(string.Concat);

    private static readonly Gen<string> After = ProseLength.SelectMany(n => LetterOrLink.Array[n]).Select(string.Concat);

    private static readonly Gen<string> Token = Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"].Array[10, 60]
        .Select(chars => new string(chars));

    [Fact]
    public void The_cut_never_exceeds_the_budget_keeps_the_link_whole_and_never_splits_a_pair()
    {
        Gen.Select(Before, Token, After, Gen.Int[20, 700], Gen.Int[1, 10])
            .Sample((before, token, after, maxLength, maxSegments) =>
            {
                // Before holds no ':' and a space ends the link, so the first link the sender finds is this one.
                var link = "https://app.example.com/i/" + token;
                var text = before + (before.Length == 0 ? string.Empty : " ") + link + (after.Length == 0 ? string.Empty : " " + after);
                var budget = new SmsBudget(maxLength, maxSegments);

                var cut = SmsText.Cut(text, budget);

                if (!budget.Fits(link))
                {
                    cut.Should().BeNull();
                    return;
                }

                cut.Should().NotBeNull().And.Contain(link);
                var measure = SmsSegmentCounter.Measure(cut);
                measure.Length.Should().BeLessThanOrEqualTo(maxLength);
                measure.Segments.Should().BeLessThanOrEqualTo(maxSegments);
                HasLoneSurrogate(cut!).Should().BeFalse();
                if (budget.Fits(text))
                {
                    cut.Should().BeSameAs(text);
                }
            }, iter: 10_000);
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }
}
