using CsCheck;
using Invitations.Templates;
using Invitations.Templates.Compiled;
using Scriban;

namespace Invitations.Core.Tests.Templates;

/// <summary>
/// The compiled Liquid subset must render exactly what Scriban renders. A differential property generates
/// templates from the subset's grammar (and a little outside it) and models with nil, blank, hostile and
/// matching values, and renders each through both paths.
/// </summary>
public class CompiledSubsetTests
{
    private static readonly string[] Variables =
    [
        "name", "given_name", "family_name", "invite_link", "invited_by", "account_name", "expires_at", "locale",
        "from_name", "subject", "title_text", "body_text", "support_text", "activation_button_text",
        "header_image", "footer_text", "footer_logo_image", "custom_fields.department", "custom_fields.floor", "custom_fields.missing",
    ];

    private static readonly Gen<string> Text = Gen.Frequency(
        (30, Gen.Char["ab <>&\"'\n\r\t é"].Array[0, 6].Select(chars => new string(chars))),
        (1, Gen.OneOf<string>("{% raw %}{{ name }}{% endraw %}", "{% comment %}{{ name }}{% endcomment %}", "\r\n  ", "{{ 'lit' }}")));

    // Mostly the subset; now and then an output that sends the whole template to Scriban.
    private static readonly Gen<string> Variable = Gen.Frequency(
        (40, Gen.OneOf<string>(Variables)),
        (1, Gen.OneOf<string>("unknown_variable", "custom_fields", "name | upcase", "name | default: 'x'", "custom_fields.empty?", "custom_fields.blank?")));

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.Const(static () => (string?)null),
        Gen.OneOf<string?>(string.Empty, " ", "\t\n", "lit", "Lit", "<b>&\"'`\0</b>", "https://cdn.example.com/a.png", "javascript:alert(1)", " https://x.example/p.png "),
        Gen.Char["<>&\"'` \r\n\0aZ😀"].Array[1, 12].Select(chars => (string?)new string(chars)))!;

    private static readonly Gen<TemplateModel> Model =
        Gen.Select(Value.Array[17], Gen.Bool, Gen.Bool, (v, withBranding, withFields) => new TemplateModel
        {
            GivenName = v[0],
            FamilyName = v[1],
            RecipientAddress = v[2],
            InviteLink = v[3] ?? "https://app.example.com/i?t=x",
            InvitedBy = v[4],
            AccountName = v[5],
            ExpiresAt = v[6],
            Locale = v[7],
            CustomFields = withFields ? new Dictionary<string, string> { ["department"] = v[8] ?? "R&D", ["floor"] = v[7] ?? "3", ["empty"] = "E" } : null,
            Branding = withBranding
                ? new InvitationBranding
                {
                    FromName = v[9],
                    Subject = v[10],
                    TitleText = v[11],
                    BodyText = v[12],
                    SupportText = v[13],
                    ActivationButtonText = v[14],
                    HeaderImage = v[15],
                    FooterText = v[16],
                    FooterLogoImage = v[15] is null ? null : "https://cdn.example.com/f.png",
                }
                : null,
        });

    [Fact]
    public void The_built_in_templates_render_through_the_compiled_subset()
    {
        var catalog = TemplateTestData.Catalog();
        foreach (var (channel, locale) in new[] { (MessageChannel.Email, "en"), (MessageChannel.Email, "de"), (MessageChannel.Sms, "en"), (MessageChannel.Sms, "de") })
        {
            catalog.TryResolve("INVITE_USER", channel, locale, out var template).Should().BeTrue();
            template.SubsetText.Should().NotBeNull($"{channel}/{locale} text");
            if (channel == MessageChannel.Email)
            {
                template.SubsetSubject.Should().NotBeNull($"{channel}/{locale} subject");
                template.SubsetHtml.Should().NotBeNull($"{channel}/{locale} html");
            }
        }
    }

    [Theory]
    [InlineData("{{ name | upcase }}")]
    [InlineData("{% for x in (1..2) %}{{ x }}{% endfor %}")]
    [InlineData("{% assign a = 'x' %}{{ a }}")]
    [InlineData("{{ unknown_variable }}")]
    [InlineData("{{ custom_fields }}")]
    [InlineData("{% if name == 1 %}x{% endif %}")]
    [InlineData("{% capture c %}x{% endcapture %}{{ c }}")]
    [InlineData("{{ custom_fields.empty? }}")]
    [InlineData("{% if custom_fields.blank? %}x{% endif %}")]
    [InlineData("{% if custom_fields.empty? == 'true' %}x{% endif %}")]
    [InlineData("{{ custom_fields['department'] }}")]
    public void Templates_outside_the_subset_stay_with_Scriban(string source)
    {
        LiquidSubsetCompiler.TryCompile(Template.ParseLiquid(source)).Should().BeNull();
    }

    [Fact]
    public void Built_in_e_mails_are_identical_through_both_paths()
    {
        var catalog = TemplateTestData.Catalog();
        var renderer = TemplateTestData.Renderer();
        foreach (var (channel, locale) in new[] { (MessageChannel.Email, "en"), (MessageChannel.Email, "de"), (MessageChannel.Sms, "en"), (MessageChannel.Sms, "de") })
        {
            catalog.TryResolve("INVITE_USER", channel, locale, out var template).Should().BeTrue();
            var scriban = new CompiledTemplate(template.Key, template.Channel, template.Locale, template.Subject, template.Html, template.Text, compileSubset: false);
            Model.Sample(model => renderer.Render(template, model).Should().Be(renderer.Render(scriban, model)), iter: 200);
        }
    }

    [Fact]
    public void Any_template_of_the_subset_renders_as_Scriban_renders_it()
    {
        var renderer = TemplateTestData.Renderer(new TemplateLimits { MaxSmsLength = 100_000 });
        var compiled = 0;
        var total = 0;
        Gen.Select(Block(3), Model).Sample((source, model) =>
        {
            var parsed = Template.ParseLiquid(source);
            if (parsed.HasErrors)
            {
                return;
            }

            var fast = new CompiledTemplate("T", MessageChannel.Email, null, parsed, parsed, parsed);
            var scriban = new CompiledTemplate("T", MessageChannel.Email, null, parsed, parsed, parsed, compileSubset: false);
            Interlocked.Increment(ref total);
            if (fast.SubsetText is not null)
            {
                Interlocked.Increment(ref compiled);
            }

            renderer.Render(fast, model).Should().Be(renderer.Render(scriban, model), source);
        }, iter: 3000);

        total.Should().BeGreaterThan(2000, "the generator makes valid Liquid");
        compiled.Should().BeGreaterThan(total / 2, "most generated templates are inside the subset, so the property tests it");
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void Both_paths_render_up_to_the_output_limit_and_refuse_anything_longer(int extra, bool refused)
    {
        // 1,024 outputs of 1,024 characters are exactly the 1 MiB limit; one more character is over it.
        var source = string.Concat(Enumerable.Repeat("{{ body_text }}", 1024)) + new string('x', extra);
        var model = TemplateTestData.Model(branding: new InvitationBranding { BodyText = new string('y', 1024) });
        var parsed = Template.ParseLiquid(source);
        var renderer = TemplateTestData.Renderer(new TemplateLimits { MaxSmsLength = 2_000_000 });

        foreach (var compileSubset in new[] { true, false })
        {
            var template = new CompiledTemplate("T", MessageChannel.Sms, null, null, null, parsed, compileSubset);
            (template.SubsetText is not null).Should().Be(compileSubset);
            var render = () => renderer.Render(template, model);
            if (refused)
            {
                render.Should().Throw<TemplateRenderException>($"compileSubset={compileSubset}").Which.Message.Should().ContainEquivalentOf("limit");
            }
            else
            {
                render().Text.Should().HaveLength(1024 * 1024, $"compileSubset={compileSubset}");
            }
        }
    }

    [Fact]
    public void A_capture_over_the_output_limit_is_refused_not_cut()
    {
        // Scriban's default cuts a capture at the limit and carries on: the message would lose its link silently.
        var source = "{% capture c %}{% for i in (1..600) %}{{ body_text }}{% endfor %}{% endcapture %}Hello {{ invite_link }}";
        var model = TemplateTestData.Model(branding: new InvitationBranding { BodyText = new string('y', 2048) });

        var render = () => TemplateTestData.RenderSource(null, null, source, model, MessageChannel.Sms, new TemplateLimits { MaxSmsLength = 2_000_000 });

        render.Should().Throw<TemplateRenderException>().Which.Part.Should().Be(TemplateParts.Text);
    }

    [Fact]
    public void A_multi_line_value_after_indentation_is_written_as_it_is_on_the_Scriban_path_too()
    {
        var model = TemplateTestData.Model(branding: new InvitationBranding { BodyText = "first\nsecond" });

        // The filter keeps this template on Scriban, whose AutoIndent would have indented "second".
        var scriban = TemplateTestData.RenderSource("S", null, "  {{ body_text | default: 'x' }}", model);
        var subset = TemplateTestData.RenderSource("S", null, "  {{ body_text }}", model);

        scriban.Text.Should().Be("  first\nsecond");
        subset.Text.Should().Be(scriban.Text);
    }

    private static Gen<string> Block(int depth)
    {
        var element = depth == 0
            ? Gen.OneOf(Text, Output())
            : Gen.Frequency((3, Text), (3, Output()), (2, Branch(depth)));
        return element.Array[0, 5].Select(parts => string.Concat(parts));
    }

    private static Gen<string> Output() =>
        Gen.Select(Variable, Trim(), Trim(), (v, l, r) => "{{" + l + " " + v + " " + r + "}}");

    private static Gen<string> Trim() => Gen.Frequency((3, Gen.Const(string.Empty)), (1, Gen.Const("-")));

    private static Gen<string> Tag(string body) =>
        Gen.Select(Trim(), Trim(), (l, r) => "{%" + l + " " + body + " " + r + "%}");

    private static Gen<string> Branch(int depth)
    {
        var inner = Block(depth - 1);
        var ifGen = Gen.Select(Gen.OneOf<string>("if", "unless"), Condition(2), (keyword, condition) => (keyword, condition))
            .SelectMany(head => Gen.Select(
                Tag(head.keyword + " " + head.condition),
                inner,
                Gen.Select(Condition(2), inner, (c, body) => (c, body)).Array[0, 2],
                Gen.Bool,
                inner,
                (open, then, elsifs, hasElse, otherwise) => (head.keyword, open, then, elsifs, hasElse, otherwise)))
            .SelectMany(b => Gen.Select(
                Gen.Select(Trim(), Trim(), (l, r) => (l, r)).Array[b.elsifs.Length],
                Tag("else"),
                Tag("end" + b.keyword),
                (elsifTrims, elseTag, endTag) =>
                {
                    var s = b.open + b.then;
                    for (var i = 0; i < elsifTrims.Length; i++)
                    {
                        s += "{%" + elsifTrims[i].l + " elsif " + b.elsifs[i].c + " " + elsifTrims[i].r + "%}" + b.elsifs[i].body;
                    }

                    return s + (b.hasElse ? elseTag + b.otherwise : string.Empty) + endTag;
                }));
        return ifGen;
    }

    private static Gen<string> Condition(int depth)
    {
        var literal = Gen.OneOf<string>("\"lit\"", "'Lit'", "\"\"", "\"R&D\"");
        var leaf = Gen.Frequency(
            (20, Gen.OneOf<string>(Variables)),
            (8, Gen.Select(Gen.OneOf<string>(Variables), Gen.OneOf<string>("==", "!="), literal, (v, op, lit) => v + " " + op + " " + lit)),
            (3, Gen.Select(literal, Gen.OneOf<string>("==", "!="), Gen.OneOf<string>(Variables), (lit, op, v) => lit + " " + op + " " + v)),
            (1, Gen.OneOf<string>("custom_fields.empty?", "custom_fields.blank?")));
        return depth == 0
            ? leaf
            : Gen.Frequency(
                (3, leaf),
                (2, Gen.Select(Condition(depth - 1), Gen.OneOf<string>("and", "or"), Condition(depth - 1), (l, op, r) => l + " " + op + " " + r)),
                (1, Gen.Select(Condition(depth - 1), Gen.OneOf<string>("and", "or"), Condition(depth - 1), (l, op, r) => "(" + l + " " + op + " " + r + ")")));
    }
}
