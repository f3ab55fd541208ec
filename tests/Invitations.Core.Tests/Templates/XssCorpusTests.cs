using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Invitations.Templates;

namespace Invitations.Core.Tests.Templates;

/// <summary>
/// Issue 13's XSS corpus (over 500 payloads, see <see cref="XssCorpus"/>) through the built-in HTML e-mail, in every field
/// a caller controls (names, inviter, account, custom fields, every branding text, the image URLs), judged by a real HTML5
/// parser as a mail client would build the document: the hostile render has exactly the template's elements and attributes,
/// no script, no event handler, and no link or source but the invitation link and the branding images.
/// </summary>
public sealed class XssCorpusTests
{
    private const string ImageBase = "https://cdn.example.com/";

    private static readonly HtmlParser Parser = new();

    [Fact]
    public void Corpus_is_large_and_covers_every_family()
    {
        XssCorpus.Payloads.Should().HaveCountGreaterThanOrEqualTo(500).And.OnlyHaveUniqueItems();
        XssCorpus.Payloads.Should().Contain(p => p.Contains("onerror", StringComparison.Ordinal))
            .And.Contain(p => p.StartsWith('"'))
            .And.Contain(p => p.Contains("&#", StringComparison.Ordinal))
            .And.Contain(p => p.Contains('\u200B', StringComparison.Ordinal))
            .And.Contain(p => p.StartsWith("jaVasCript:/*", StringComparison.Ordinal));
    }

    [Fact]
    public void No_payload_adds_executable_content_or_an_element_to_the_built_in_email()
    {
        var catalog = TemplateTestData.Catalog();
        var template = Structure(Parse(TemplateTestData.Render(catalog, Model("benign value", ImageBase + "benign.png")).Html!));
        var failures = new List<string>();
        var rendered = 0;
        foreach (var payload in XssCorpus.Payloads)
        {
            // With images under the allowed prefix the document must have the template's exact structure; with the payload as
            // the whole image URL (no https:// prefix, so the image is left out) only the template's elements may appear.
            foreach (var image in new[] { ImageBase + payload, payload })
            {
                var html = TemplateTestData.Render(catalog, Model(payload, image)).Html!;
                rendered++;
                var document = Parse(html);
                var structure = Structure(document);
                var problems = Executable(document).ToList();
                if (image.StartsWith(ImageBase, StringComparison.Ordinal) ? !structure.SequenceEqual(template) : structure.Except(template).Any())
                {
                    problems.Add("structure differs: " + string.Join(" ", structure.Except(template)));
                }

                failures.AddRange(problems.Select(p => $"{Show(payload)} (image {(image == payload ? "raw" : "prefixed")}): {p}"));
            }
        }

        rendered.Should().Be(2 * XssCorpus.Payloads.Count);
        failures.Should().BeEmpty();
    }

    [Fact]
    public void Checks_catch_what_they_look_for()
    {
        // The judge itself is tested: a document with each forbidden thing is caught.
        var caught = Executable(Parse("<p onclick=x><script></script><a href=' JaVa&#x09;script:x'></a><img src='data:x'></p>")).ToList();

        caught.Should().HaveCount(4);
    }

    private static IDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Every element with its attribute names, in document order: the structure without text or values.</summary>
    private static List<string> Structure(IDocument document) =>
        document.All.Select(e => e.LocalName + "(" + string.Join(",", e.Attributes.Select(a => a.Name)) + ")").ToList();

    private static IEnumerable<string> Executable(IDocument document)
    {
        foreach (var element in document.All)
        {
            if (element.LocalName is "script" or "iframe" or "object" or "embed" or "base" or "form" or "svg" or "math")
            {
                yield return "element " + element.LocalName;
            }

            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                {
                    yield return "handler " + attribute.Name;
                }

                if (attribute.Name is "href" or "src" or "action" or "formaction" or "background" or "poster" or "data" && !Allowed(attribute.Value))
                {
                    yield return $"{attribute.Name}={attribute.Value}";
                }
            }
        }
    }

    /// <summary>The only URLs the built-in e-mail may carry: the invitation link and images under the branding prefix.</summary>
    private static bool Allowed(string url)
    {
        // Browsers drop ASCII whitespace and controls inside a scheme ("java\tscript:"); judge what they would run.
        var squeezed = new string(url.Where(c => c > ' ').ToArray());
        var dangerous = squeezed.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
            || squeezed.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            || squeezed.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase);
        return !dangerous && (url == TemplateTestData.Link || url.StartsWith(ImageBase, StringComparison.Ordinal));
    }

    private static string Show(string payload) => payload.Length > 80 ? payload[..80] + "…" : payload;

    private static TemplateModel Model(string value, string image) => new()
    {
        GivenName = value,
        FamilyName = value,
        RecipientAddress = value,
        InviteLink = TemplateTestData.Link,
        InvitedBy = value,
        AccountName = value,
        ExpiresAt = value,
        Locale = "en",
        CustomFields = new Dictionary<string, string> { ["department"] = value, [value.Length == 0 ? "k" : "x"] = value },
        Branding = new InvitationBranding
        {
            FromName = value,
            Subject = value,
            TitleText = value,
            BodyText = value,
            SupportText = value,
            ActivationButtonText = value,
            FooterText = value,
            FooterLogoImage = image,
            HeaderImage = image,
        },
    };
}
