using System.Buffers;
using System.Text.Encodings.Web;
using Invitations.Templates.Engine;

namespace Invitations.Core.Tests.Templates;

/// <summary>The library's HTML encoder as Fluid uses it, through each of <see cref="TextEncoder"/>'s entry points.</summary>
public class HtmlValueEncoderTests
{
    private const string Hostile = "Zoë <b>\"Zed\"</b> & 'O`Brien'\0 😀";
    private const string Encoded = "Zoë &lt;b&gt;&quot;Zed&quot;&lt;/b&gt; &amp; &#39;O&#96;Brien&#39;\uFFFD 😀";

    private static readonly TextEncoder Encoder = HtmlValueEncoder.Instance;

    [Fact]
    public void Encodes_markup_quotes_backtick_and_nul_and_leaves_other_characters_readable()
    {
        Encoder.Encode(Hostile).Should().Be(Encoded);
    }

    [Fact]
    public void A_value_without_special_characters_is_returned_as_it_is()
    {
        var value = "Zoë Müller 😀 https://app.example.com/i?t=abc";

        Encoder.Encode(value).Should().BeSameAs(value);
    }

    [Fact]
    public void Writer_span_and_string_entry_points_agree()
    {
        using var writer = new StringWriter();
        Encoder.Encode(writer, Hostile);
        var chars = Hostile.ToCharArray();
        using var arrayWriter = new StringWriter();
        Encoder.Encode(arrayWriter, chars, 0, chars.Length);
        var destination = new char[Hostile.Length * Encoder.MaxOutputCharactersPerInputCharacter];

        // The span entry point runs through the pointer-based members (FindFirstCharacterToEncode, TryEncodeUnicodeScalar).
        var status = Encoder.Encode(Hostile, destination, out var consumed, out var written);

        writer.ToString().Should().Be(Encoded);
        arrayWriter.ToString().Should().Be(Encoded);
        status.Should().Be(OperationStatus.Done);
        consumed.Should().Be(Hostile.Length);
        new string(destination, 0, written).Should().Be(Encoded);
    }

    [Fact]
    public void Only_the_special_characters_will_be_encoded()
    {
        "&<>\"'`\0".ToCharArray().Should().OnlyContain(c => Encoder.WillEncode(c));
        "aZ9 é=/😀".EnumerateRunes().ToArray().Should().OnlyContain(r => !Encoder.WillEncode(r.Value));
    }
}
