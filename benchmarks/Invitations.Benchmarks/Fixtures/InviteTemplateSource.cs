namespace Invitations.Benchmarks.Fixtures;

/// <summary>
/// The built-in English INVITE_USER e-mail (branch `templates`, BuiltInTemplates/BuiltInHtml) as plain
/// Liquid, for the engines that render beside the library: Scriban used directly and DotLiquid. The
/// HTML variant for those engines pipes every output through <c>escape</c> (the library's renderer
/// HTML-encodes every output of an HTML body on its own).
/// </summary>
public static class InviteTemplateSource
{
    public const string Subject = """
{% if invited_by and account_name %}{{ invited_by }} invited you to join {{ account_name }}{% elsif account_name %}You're invited to join {{ account_name }}{% elsif invited_by %}{{ invited_by }} invited you{% else %}You're invited{% endif %}
""";

    public const string Html = """
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% if title_text %}{{ title_text }}{% else %}You're invited{% endif %}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff;border-radius:8px;font-family:Arial,Helvetica,sans-serif;color:#1f2933;">
{%- assign header_scheme = header_image | slice: 0, 8 -%}
{%- if header_scheme == "https://" %}
<tr><td align="center" style="padding:24px 32px 0;"><img src="{{ header_image }}" alt="" width="200" style="display:block;max-width:100%;height:auto;border:0;"></td></tr>
{%- endif %}
<tr><td style="padding:24px 32px 8px;"><h1 style="margin:0;font-size:22px;line-height:30px;">{% if title_text %}{{ title_text }}{% else %}You're invited{% endif %}</h1></td></tr>
<tr><td style="padding:8px 32px;font-size:16px;line-height:24px;">
<p style="margin:0 0 16px;">{% if name %}Hello {{ name }},{% else %}Hello,{% endif %}</p>
{%- if body_text %}
<p style="margin:0 0 16px;">{{ body_text }}</p>
{%- endif %}
<p style="margin:0 0 16px;">{% if invited_by and account_name %}{{ invited_by }} invited you to join {{ account_name }}.{% elsif account_name %}You have been invited to join {{ account_name }}.{% elsif invited_by %}{{ invited_by }} invited you.{% else %}You have been invited.{% endif %}</p>
</td></tr>
<tr><td align="center" style="padding:8px 32px 24px;">
<a href="{{ invite_link }}" style="display:inline-block;padding:14px 28px;background:#2563eb;color:#ffffff;font-size:16px;font-weight:bold;text-decoration:none;border-radius:6px;">{% if activation_button_text %}{{ activation_button_text }}{% else %}Accept invitation{% endif %}</a>
</td></tr>
<tr><td style="padding:0 32px 16px;font-size:13px;line-height:20px;color:#52606d;">
<p style="margin:0 0 8px;">If the button does not work, copy this link into your browser:<br><a href="{{ invite_link }}" style="color:#2563eb;word-break:break-all;">{{ invite_link }}</a></p>
{%- if expires_at %}
<p style="margin:0 0 8px;">This invitation expires on {{ expires_at }}.</p>
{%- endif %}
{%- if support_text %}
<p style="margin:0 0 8px;">{{ support_text }}</p>
{%- endif %}
</td></tr>
{%- assign footer_scheme = footer_logo_image | slice: 0, 8 -%}
{%- if footer_text or footer_scheme == "https://" %}
<tr><td align="center" style="padding:16px 32px 24px;border-top:1px solid #e4e7eb;font-size:12px;line-height:18px;color:#7b8794;">
{%- if footer_scheme == "https://" %}
<img src="{{ footer_logo_image }}" alt="" width="120" style="display:block;margin:0 auto 8px;max-width:100%;height:auto;border:0;">
{%- endif %}
{%- if footer_text %}
{{ footer_text }}
{%- endif %}
</td></tr>
{%- endif %}
</table>
</td></tr>
</table>
</body>
</html>
""";

    public const string Text = """
{% if name %}Hello {{ name }},{% else %}Hello,{% endif %}

{% if invited_by and account_name %}{{ invited_by }} invited you to join {{ account_name }}.{% elsif account_name %}You have been invited to join {{ account_name }}.{% elsif invited_by %}{{ invited_by }} invited you.{% else %}You have been invited.{% endif %}
{%- if body_text %}

{{ body_text }}
{%- endif %}

{% if activation_button_text %}{{ activation_button_text }}{% else %}Accept invitation{% endif %}:
{{ invite_link }}
{%- if expires_at %}

This invitation expires on {{ expires_at }}.
{%- endif %}
{%- if support_text %}

{{ support_text }}
{%- endif %}
{%- if footer_text %}

--
{{ footer_text }}
{%- endif %}

""";

    /// <summary>The HTML body with <c>| escape</c> after every output expression.</summary>
    public static string HtmlEscaped { get; } = System.Text.RegularExpressions.Regex.Replace(Html, @"\{\{ ([a-z_]+) \}\}", "{{ $1 | escape }}");
}
