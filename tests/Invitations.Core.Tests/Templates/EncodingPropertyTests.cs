using CsCheck;
using Invitations.Templates;

namespace Invitations.Core.Tests.Templates;

public class EncodingPropertyTests
{
    private static readonly Gen<string> Hostile =
        Gen.Char["<>&\"'`=/ \r\n\t\0\u0085\u2028\u2029aZ9ü😀"].Array[0, 40].Select(chars => new string(chars));

    [Fact]
    public void Any_value_is_encoded_in_html_and_single_line_in_the_subject()
    {
        var catalog = TemplateTestData.Catalog();
        catalog.TryResolve("INVITE_USER", MessageChannel.Email, "en", out var template).Should().BeTrue();
        var renderer = TemplateTestData.Renderer();
        var skeletonLength = renderer.Render(template, TemplateTestData.Model(givenName: "x", familyName: null, invitedBy: "y", accountName: "z")).Html!
            .Count(c => c is '<' or '"');

        Hostile.Select(Hostile, Hostile).Sample((name, inviter, account) =>
        {
            var rendered = renderer.Render(
                template,
                TemplateTestData.Model(givenName: "x" + name, familyName: null, invitedBy: "y" + inviter, accountName: "z" + account));

            rendered.Html!.Count(c => c is '<' or '"').Should().Be(skeletonLength, "values add no markup or quotes");
            rendered.Subject.Should().NotContainAny("\r", "\n", "\0", "\u0085", "\u2028", "\u2029", "\t");
            rendered.Text.Where(char.IsControl).Should().OnlyContain(c => c == '\n');
        }, iter: 300);
    }
}
