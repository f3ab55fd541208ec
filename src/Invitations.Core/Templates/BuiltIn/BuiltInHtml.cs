namespace Invitations.Templates.BuiltIn;

/// <summary>
/// The table-based, responsive HTML skeleton of the built-in <c>INVITE_USER</c> e-mail. <c>@@NAME@@</c>
/// markers are replaced by localized Liquid snippets (see <see cref="BuiltInTemplates"/>). Image sources
/// are only exposed by the model when they start with <c>https://</c>.
/// </summary>
internal static class BuiltInHtml
{
    public const string Skeleton = """
<!DOCTYPE html>
<html lang="@@LANG@@">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% if title_text %}{{ title_text }}{% else %}@@TITLE@@{% endif %}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff;border-radius:8px;font-family:Arial,Helvetica,sans-serif;color:#1f2933;">
{%- if header_image %}
<tr><td align="center" style="padding:24px 32px 0;"><img src="{{ header_image }}" alt="" width="200" style="display:block;max-width:100%;height:auto;border:0;"></td></tr>
{%- endif %}
<tr><td style="padding:24px 32px 8px;"><h1 style="margin:0;font-size:22px;line-height:30px;">{% if title_text %}{{ title_text }}{% else %}@@TITLE@@{% endif %}</h1></td></tr>
<tr><td style="padding:8px 32px;font-size:16px;line-height:24px;">
<p style="margin:0 0 16px;">@@HELLO@@</p>
<p style="margin:0 0 16px;">@@INVITED@@</p>
{%- if body_text %}
<p style="margin:0 0 16px;">{{ body_text }}</p>
{%- endif %}
</td></tr>
<tr><td align="center" style="padding:8px 32px 24px;">
<a href="{{ invite_link }}" style="display:inline-block;padding:14px 28px;background:#2563eb;color:#ffffff;font-size:16px;font-weight:bold;text-decoration:none;border-radius:6px;">{% if activation_button_text %}{{ activation_button_text }}{% else %}@@ACCEPT@@{% endif %}</a>
</td></tr>
<tr><td style="padding:0 32px 16px;font-size:13px;line-height:20px;color:#52606d;">
<p style="margin:0 0 8px;">@@LINKTEXT@@<br><a href="{{ invite_link }}" style="color:#2563eb;word-break:break-all;">{{ invite_link }}</a></p>
{%- if expires_at %}
<p style="margin:0 0 8px;">@@EXPIRES@@</p>
{%- endif %}
{%- if support_text %}
<p style="margin:0 0 8px;">{{ support_text }}</p>
{%- endif %}
</td></tr>
{%- if footer_text or footer_logo_image %}
<tr><td align="center" style="padding:16px 32px 24px;border-top:1px solid #e4e7eb;font-size:12px;line-height:18px;color:#7b8794;">
{%- if footer_logo_image %}
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
}
