using Invitations.Sms.Internal;

namespace Invitations.Sms.Tests;

public sealed class SmsSegmentCounterTests
{
    private const string Emoji = "\U0001F600";

    private static string Repeat(string s, int count) => string.Concat(Enumerable.Repeat(s, count));

    // name → (text, encoding, length in code units, segments). Rows are passed by name: xUnit's serialization of
    // theory rows replaces lone surrogates, which would make those rows test something else.
    private static readonly Dictionary<string, (string Text, SmsEncoding Encoding, int Length, int Segments)> Vectors = new()
    {
        ["empty"] = ("", SmsEncoding.Gsm7, 0, 1),
        ["160 GSM-7 characters"] = (Repeat("a", 160), SmsEncoding.Gsm7, 160, 1),
        ["161 GSM-7 characters"] = (Repeat("a", 161), SmsEncoding.Gsm7, 161, 2),
        ["306 GSM-7 characters"] = (Repeat("a", 306), SmsEncoding.Gsm7, 306, 2),
        ["307 GSM-7 characters"] = (Repeat("a", 307), SmsEncoding.Gsm7, 307, 3),
        ["GSM-7 letters with accents"] = ("Grüße aus Zürich, à bientöt? ¿Qué? Åse Ørsted æ ß £5 ¥ §1 ¤ ¡", SmsEncoding.Gsm7, 61, 1),
        ["the GSM-7 basic table"] = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà", SmsEncoding.Gsm7, 71, 1),
        ["159 + € is 161 septets"] = (Repeat("a", 159) + "€", SmsEncoding.Gsm7, 160, 2),
        ["158 + € is 160 septets"] = (Repeat("a", 158) + "€", SmsEncoding.Gsm7, 159, 1),
        ["80 × {"] = (Repeat("{", 80), SmsEncoding.Gsm7, 80, 1),
        ["81 × {"] = (Repeat("{", 81), SmsEncoding.Gsm7, 81, 2),
        ["80 × ["] = (Repeat("[", 80), SmsEncoding.Gsm7, 80, 1),
        ["81 × ["] = (Repeat("[", 81), SmsEncoding.Gsm7, 81, 2),
        ["every extension character"] = ("\f^{}\\[~]|€" + Repeat("a", 140), SmsEncoding.Gsm7, 150, 1),
        ["every extension character, one over"] = ("\f^{}\\[~]|€" + Repeat("a", 141), SmsEncoding.Gsm7, 151, 2),
        ["an escape is not split across segments"] = (Repeat("a", 152) + "€" + Repeat("a", 152), SmsEncoding.Gsm7, 305, 3),
        ["one emoji makes it UCS-2"] = (Repeat("a", 100) + Emoji, SmsEncoding.Ucs2, 102, 2),
        ["68 + emoji is 70 code units"] = (Repeat("a", 68) + Emoji, SmsEncoding.Ucs2, 70, 1),
        ["69 + emoji is 71 code units"] = (Repeat("a", 69) + Emoji, SmsEncoding.Ucs2, 71, 2),
        ["a backtick is not GSM-7"] = ("`", SmsEncoding.Ucs2, 1, 1),
        ["a lowercase ç is not GSM-7"] = ("ç", SmsEncoding.Ucs2, 1, 1),
        ["70 Cyrillic"] = (Repeat("Ж", 70), SmsEncoding.Ucs2, 70, 1),
        ["71 Cyrillic"] = (Repeat("Ж", 71), SmsEncoding.Ucs2, 71, 2),
        ["134 Cyrillic"] = (Repeat("Ж", 134), SmsEncoding.Ucs2, 134, 2),
        ["135 Cyrillic"] = (Repeat("Ж", 135), SmsEncoding.Ucs2, 135, 3),
        ["a surrogate pair is not split across segments"] = (Repeat("Ж", 66) + Emoji + Repeat("Ж", 66), SmsEncoding.Ucs2, 134, 3),
        ["a lone surrogate is one UCS-2 code unit"] = ("a\uD800b", SmsEncoding.Ucs2, 3, 1),
    };

    public static TheoryData<string> VectorNames => new(Vectors.Keys);

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Counts_segments_as_a_gateway_encodes_the_text(string name)
    {
        var (text, encoding, length, segments) = Vectors[name];

        SmsSegmentCounter.Measure(text).Should().Be(new SmsMeasure(encoding, length, segments));
    }

    [Fact]
    public void The_alphabet_has_127_basic_and_10_extension_characters()
    {
        Gsm7.BasicCount.Should().Be(127);
        Gsm7.ExtensionCount.Should().Be(10);
        Enumerable.Range(0, 0x10000).Count(c => Gsm7.Septets((char)c) == 1).Should().Be(127, "the basic table has no duplicates");
        Enumerable.Range(0, 0x10000).Count(c => Gsm7.Septets((char)c) == 2).Should().Be(10);
    }

    [Fact]
    public void Pieces_count_like_the_whole_text()
    {
        var text = Repeat("a", 150) + "€{" + Emoji + Repeat("Ж", 70);
        var counter = default(SmsSegmentCounter);
        counter.Append(text.AsSpan(0, 100));
        counter.Append(text.AsSpan(100, 52));
        counter.Append(text.AsSpan(152));

        counter.Result.Should().Be(SmsSegmentCounter.Measure(text));
    }
}
