using System.Text.RegularExpressions;
using Invitations.Templates;

namespace Invitations.Core.Tests.Templates;

public partial class HtmlEncodingTests
{
    public static TheoryData<string> Payloads => new()
    {
        "<script>alert(1)</script>",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "\" onmouseover=\"alert(1)",
        "' onfocus='alert(1)' autofocus='",
        "Tom & Jerry &amp; <b>bold</b>",
        "javascript:alert(1)",
        "`><svg onload=alert(1)>",
        "</a></td></tr></table><script>x</script>",
        "<!--",
        "]]><![CDATA[<script>",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Hostile_value_in_every_user_field_keeps_the_html_skeleton(string payload)
    {
        var catalog = TemplateTestData.Catalog();
        var benign = TemplateTestData.Render(catalog, HostileModel("benign value"));
        var hostile = TemplateTestData.Render(catalog, HostileModel(payload));

        Skeleton(hostile.Html!).Should().Equal(Skeleton(benign.Html!), "a value must not add or change tags or attributes");
        hostile.Html.Should().NotContainEquivalentOf("<script");
        hostile.Html.Should().NotContainEquivalentOf("<img src=x");
        Hrefs(hostile.Html!).Should().OnlyContain(href => href == TemplateTestData.Link);
    }

    [Fact]
    public void Script_tag_in_name_is_encoded_in_html_body()
    {
        var rendered = TemplateTestData.Render(
            TemplateTestData.Catalog(), TemplateTestData.Model(givenName: "<script>alert(1)</script>", familyName: null));

        rendered.Html.Should().Contain("Hello &lt;script&gt;alert(1)&lt;/script&gt;,");
        rendered.Html.Should().NotContain("<script");
    }

    [Fact]
    public void Quotes_and_ampersand_are_encoded_in_html_body()
    {
        var rendered = TemplateTestData.RenderSource(
            "s", "<p title=\"{{ name }}\">{{ account_name }}</p>", "t",
            TemplateTestData.Model(givenName: "Zoë \"Zed\" O'Brien", familyName: null, accountName: "A&B `x`"));

        rendered.Html.Should().Be("<p title=\"Zoë &quot;Zed&quot; O&#39;Brien\">A&amp;B &#96;x&#96;</p>");
    }

    [Fact]
    public void Literal_template_markup_is_not_encoded()
    {
        var rendered = TemplateTestData.RenderSource("s", "<b>{{ 'x' }}</b>{% raw %}<i>{{ name }}</i>{% endraw %}", "t", TemplateTestData.Model());

        rendered.Html.Should().Be("<b>x</b><i>{{ name }}</i>");
    }

    [Fact]
    public void Captured_or_transformed_values_stay_encoded()
    {
        var html = "{% capture c %}{{ name }}{% endcapture %}{{ c }}|{{ name | upcase }}|{{ name | append: '<i>' }}|{% assign a = name %}{{ a }}";

        var rendered = TemplateTestData.RenderSource("s", html, "t", TemplateTestData.Model(givenName: "<b>", familyName: null));

        rendered.Html.Should().NotContain("<b>").And.NotContain("<B>").And.NotContain("<i>");
    }

    [Fact]
    public void Raw_filter_cannot_bypass_encoding()
    {
        var model = TemplateTestData.Model(givenName: "<script>x</script>", familyName: null);
        string? html;
        try
        {
            html = TemplateTestData.RenderSource("s", "{{ name | raw }}", "t", model).Html;
        }
        catch (Exception ex) when (ex is TemplateRenderException or InvitationTemplateException)
        {
            html = null;
        }

        (html ?? string.Empty).Should().NotContain("<script");
    }

    [Fact]
    public void Text_body_and_subject_are_not_html_encoded()
    {
        var rendered = TemplateTestData.Render(
            TemplateTestData.Catalog(), TemplateTestData.Model(invitedBy: "Tom & \"Jerry\"", accountName: "<Acme>"));

        rendered.Subject.Should().Be("Tom & \"Jerry\" invited you to join <Acme>");
        rendered.Text.Should().Contain("Tom & \"Jerry\" invited you to join <Acme>.");
    }

    private static TemplateModel HostileModel(string value) => new()
    {
        GivenName = value,
        FamilyName = value,
        RecipientAddress = value,
        InviteLink = TemplateTestData.Link,
        InvitedBy = value,
        AccountName = value,
        ExpiresAt = value,
        Locale = value,
        CustomFields = new Dictionary<string, string> { ["department"] = value },
        Branding = new InvitationBranding
        {
            FromName = value,
            Subject = value,
            TitleText = value,
            BodyText = value,
            SupportText = value,
            ActivationButtonText = value,
            FooterText = value,
            FooterLogoImage = "https://cdn.example.com/" + value,
            HeaderImage = "https://cdn.example.com/" + value,
        },
    };

    /// <summary>The sequence of tags with their attribute names: the document structure without text.</summary>
    private static List<string> Skeleton(string html) =>
        TagRegex().Matches(html)
            .Select(m => m.Groups[1].Value.ToLowerInvariant() + "(" + string.Join(",", AttributeRegex().Matches(m.Groups[2].Value).Select(a => a.Groups[1].Value)) + ")")
            .ToList();

    private static List<string> Hrefs(string html) =>
        HrefRegex().Matches(html).Select(m => m.Groups[1].Value.Replace("&amp;", "&")).ToList();

    [GeneratedRegex("<(/?[a-zA-Z!][a-zA-Z0-9]*)([^>]*)>")]
    private static partial Regex TagRegex();

    [GeneratedRegex("\\s([a-zA-Z-]+)(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s>]+))?")]
    private static partial Regex AttributeRegex();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex HrefRegex();
}
