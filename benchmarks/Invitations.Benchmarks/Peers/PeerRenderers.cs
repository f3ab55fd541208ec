using HandlebarsDotNet;
using Invitations.Benchmarks.Fixtures;
using Invitations.Benchmarks.Floor;

namespace Invitations.Benchmarks.Peers;

/// <summary>DotLiquid 2.3 on the same Liquid source (HTML body with <c>| escape</c>); a new <see cref="DotLiquid.Hash"/> per render.</summary>
public static class DotLiquidRenderer
{
    private static readonly DotLiquid.Template SubjectT = DotLiquid.Template.Parse(InviteTemplateSource.Subject);
    private static readonly DotLiquid.Template HtmlT = DotLiquid.Template.Parse(InviteTemplateSource.HtmlEscaped);
    private static readonly DotLiquid.Template TextT = DotLiquid.Template.Parse(InviteTemplateSource.Text);

    public static (string Subject, string Html, string Text) Render(EmailModel m)
    {
        var hash = new DotLiquid.Hash
        {
            ["name"] = m.Name,
            ["invited_by"] = m.InvitedBy,
            ["account_name"] = m.AccountName,
            ["invite_link"] = m.InviteLink,
            ["expires_at"] = m.ExpiresAt,
        };
        return (SubjectT.Render(hash).ReplaceLineEndings(" "), HtmlT.Render(hash), TextT.Render(hash));
    }
}

/// <summary>
/// Handlebars.Net 2.4 with the same e-mail translated to Handlebars (no <c>elsif</c>: nested <c>if</c>;
/// <c>{{ }}</c> HTML-encodes, <c>{{{ }}}</c> for subject and text). A new dictionary model per render.
/// </summary>
public static class HandlebarsRenderer
{
    private const string InvitedHbs =
        "{{#if invited_by}}{{#if account_name}}{{invited_by}} invited you to join {{account_name}}.{{else}}{{invited_by}} invited you.{{/if}}"
        + "{{else}}{{#if account_name}}You have been invited to join {{account_name}}.{{else}}You have been invited.{{/if}}{{/if}}";

    private const string SubjectHbs =
        "{{#if invited_by}}{{#if account_name}}{{{invited_by}}} invited you to join {{{account_name}}}{{else}}{{{invited_by}}} invited you{{/if}}"
        + "{{else}}{{#if account_name}}You're invited to join {{{account_name}}}{{else}}You're invited{{/if}}{{/if}}";

    private static readonly HandlebarsTemplate<object, object> SubjectT = Handlebars.Compile(SubjectHbs);
    private static readonly HandlebarsTemplate<object, object> HtmlT = Handlebars.Compile(ToHandlebars(InviteTemplateSource.Html, html: true));
    private static readonly HandlebarsTemplate<object, object> TextT = Handlebars.Compile(ToHandlebars(InviteTemplateSource.Text, html: false));

    public static (string Subject, string Html, string Text) Render(EmailModel m)
    {
        var model = new Dictionary<string, object?>(5)
        {
            ["name"] = m.Name,
            ["invited_by"] = m.InvitedBy,
            ["account_name"] = m.AccountName,
            ["invite_link"] = m.InviteLink,
            ["expires_at"] = m.ExpiresAt,
        };
        return (SubjectT(model).ReplaceLineEndings(" "), HtmlT(model), TextT(model));
    }

    /// <summary>Mechanical translation of the built-in Liquid template (only the constructs it uses).</summary>
    public static string ToHandlebars(string liquid, bool html)
    {
        var s = liquid;
        s = System.Text.RegularExpressions.Regex.Replace(s, @"\{%- assign [a-z_]+ = [a-z_]+ \| slice: 0, 8 -%\}\n?", string.Empty);
        s = s.Replace("{%- if header_scheme == \"https://\" %}", "{{#if header_image}}", StringComparison.Ordinal)
             .Replace("{%- if footer_text or footer_scheme == \"https://\" %}", "{{#if footer_text}}", StringComparison.Ordinal)
             .Replace("{%- if footer_text or footer_logo_image %}", "{{#if footer_text}}", StringComparison.Ordinal)
             .Replace("{%- if footer_scheme == \"https://\" %}", "{{#if footer_logo_image}}", StringComparison.Ordinal);
        var invitedLiquid = "{% if invited_by and account_name %}{{ invited_by }} invited you to join {{ account_name }}.{% elsif account_name %}You have been invited to join {{ account_name }}.{% elsif invited_by %}{{ invited_by }} invited you.{% else %}You have been invited.{% endif %}";
        s = s.Replace(invitedLiquid, html ? InvitedHbs : InvitedHbs.Replace("{{invited_by}}", "{{{invited_by}}}", StringComparison.Ordinal).Replace("{{account_name}}", "{{{account_name}}}", StringComparison.Ordinal), StringComparison.Ordinal);
        s = System.Text.RegularExpressions.Regex.Replace(s, @"\{%-? if ([a-z_]+) %\}", "{{#if $1}}");
        s = System.Text.RegularExpressions.Regex.Replace(s, @"\{%-? else %\}", "{{else}}");
        s = System.Text.RegularExpressions.Regex.Replace(s, @"\{%-? endif %\}", "{{/if}}");
        s = System.Text.RegularExpressions.Regex.Replace(s, @"\{\{ ([a-z_]+) \}\}", html ? "{{$1}}" : "{{{$1}}}");
        return s;
    }
}
