using Invitations.Templates;

namespace Invitations.Core.Tests.Templates;

/// <summary>
/// A bare model variable is written and tested without Fluid's string value (see TemplateGuard); through an
/// assignment the same variable takes Fluid's own path. Both must agree for every variable and every kind of value.
/// </summary>
public class ModelAccessTests
{
    private static readonly string[] Variables =
    [
        "name", "given_name", "family_name", "invite_link", "invited_by", "account_name", "expires_at", "locale",
        "from_name", "subject", "title_text", "body_text", "support_text", "activation_button_text",
        "header_image", "footer_text", "footer_logo_image",
    ];

    private static readonly string?[] Values =
        [null, string.Empty, " ", "lit", "<b>&\"'`\0</b> é 😀", "https://cdn.example.com/a.png", "javascript:alert(1)", "a\nb"];

    public static TheoryData<string?> AllValues()
    {
        var data = new TheoryData<string?>();
        foreach (var value in Values)
        {
            data.Add(value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllValues))]
    public void A_bare_variable_renders_as_the_same_variable_through_an_assignment(string? value)
    {
        var model = ModelWithEveryField(value);
        foreach (var variable in Variables)
        {
            var direct = $"[{{{{ {variable} }}}}]{{% if {variable} %}}T{{% else %}}F{{% endif %}}{{% unless {variable} %}}U{{% endunless %}}"
                + $"{{% if {variable} and {variable} %}}A{{% endif %}}{{% if nope or {variable} %}}O{{% endif %}}";
            var assigned = $"{{% assign v = {variable} %}}" + direct.Replace(variable, "v", StringComparison.Ordinal);

            var expected = TemplateTestData.RenderSource("s", assigned, assigned, model);
            var rendered = TemplateTestData.RenderSource("s", direct, direct, model);

            rendered.Html.Should().Be(expected.Html, $"{variable} = {value ?? "null"} in HTML");
            rendered.Text.Should().Be(expected.Text, $"{variable} = {value ?? "null"} in text");
        }
    }

    [Fact]
    public void An_assigned_variable_hides_the_model_variable_of_the_same_name()
    {
        var rendered = TemplateTestData.RenderSource(
            null, null, "{% assign name = 'Zed' %}{{ name }}|{% if name %}yes{% endif %}|{% assign title_text = false %}{% if title_text %}t{% else %}f{% endif %}",
            TemplateTestData.Model(), MessageChannel.Sms);

        rendered.Text.Should().Be("Zed|yes|f");
    }

    [Fact]
    public void Names_are_case_sensitive_as_in_Liquid()
    {
        var rendered = TemplateTestData.RenderSource(null, null, "[{{ NAME }}][{{ Name }}][{{ name }}]", TemplateTestData.Model(), MessageChannel.Sms);

        rendered.Text.Should().Be("[][][Ada Lovelace]");
    }

    [Fact]
    public void Custom_fields_read_like_a_dictionary_and_write_nothing_themselves()
    {
        var fields = new Dictionary<string, string> { ["department"] = "R&D", ["cost center"] = "42", ["blank"] = " " };
        var source = "[{{ custom_fields }}][{{ custom_fields['cost center'] }}][{{ custom_fields.size }}][{{ custom_fields.blank }}]"
            + "{% for pair in custom_fields %}({{ pair[0] }}={{ pair[1] }}){% endfor %}";

        var rendered = TemplateTestData.RenderSource(null, null, source, TemplateTestData.Model(customFields: fields), MessageChannel.Sms);

        rendered.Text.Should().Be("[][42][3][](department=R&D)(cost center=42)(blank=)");
    }

    [Fact]
    public void The_json_filter_sees_only_the_template_values()
    {
        var rendered = TemplateTestData.RenderSource(
            null, null, "{{ custom_fields | json }}|{{ name | json }}", TemplateTestData.Model(), MessageChannel.Sms);

        rendered.Text.Should().Be("{\"department\":\"R\\u0026D\"}|\"Ada Lovelace\"");
    }

    private static TemplateModel ModelWithEveryField(string? value) => new()
    {
        GivenName = value,
        FamilyName = value,
        RecipientAddress = value,
        InviteLink = value ?? TemplateTestData.Link,
        InvitedBy = value,
        AccountName = value,
        ExpiresAt = value,
        Locale = value,
        CustomFields = new Dictionary<string, string>(),
        Branding = new InvitationBranding
        {
            FromName = value,
            Subject = value,
            TitleText = value,
            BodyText = value,
            SupportText = value,
            ActivationButtonText = value,
            HeaderImage = value,
            FooterText = value,
            FooterLogoImage = value,
        },
    };
}
