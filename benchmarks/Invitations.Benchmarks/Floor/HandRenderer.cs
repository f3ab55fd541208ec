using System.Net;
using System.Text;

namespace Invitations.Benchmarks.Floor;

/// <summary>The variables of one invitation e-mail (the subset of the library's template model the built-in template uses).</summary>
public sealed class EmailModel
{
    public string? Name { get; init; }
    public string? InvitedBy { get; init; }
    public string? AccountName { get; init; }
    public required string InviteLink { get; init; }
    public string? ExpiresAt { get; init; }
    public string? TitleText { get; init; }
    public string? BodyText { get; init; }
    public string? ActivationButtonText { get; init; }
    public string? SupportText { get; init; }
    public string? FooterText { get; init; }
}

/// <summary>
/// The floor for rendering: the built-in English INVITE_USER e-mail written by hand (direct string
/// building into a per-thread reused <see cref="StringBuilder"/> + <see cref="WebUtility.HtmlEncode(string)"/>).
/// Output matches the Liquid template for a model without header/footer images.
/// </summary>
public static class HandRenderer
{
    [ThreadStatic]
    private static StringBuilder? t_sb;

    public static (string Subject, string Html, string Text) Render(EmailModel m)
    {
        var sb = t_sb ??= new StringBuilder(4096);
        var subject = Subject(sb.Clear(), m).ToString();
        var html = Html(sb.Clear(), m).ToString();
        var text = Text(sb.Clear(), m).ToString();
        sb.Clear();
        return (subject, html, text);
    }

    private static StringBuilder Subject(StringBuilder sb, EmailModel m)
    {
        // Subjects lose CR/LF.
        if (m.InvitedBy is { Length: > 0 } by && m.AccountName is { Length: > 0 } acc)
        {
            sb.Append(by).Append(" invited you to join ").Append(acc);
        }
        else if (m.AccountName is { Length: > 0 } a)
        {
            sb.Append("You're invited to join ").Append(a);
        }
        else if (m.InvitedBy is { Length: > 0 } b)
        {
            sb.Append(b).Append(" invited you");
        }
        else
        {
            sb.Append("You're invited");
        }

        return sb.Replace('\r', ' ').Replace('\n', ' ');
    }

    private static StringBuilder Enc(this StringBuilder sb, string? value) => sb.Append(WebUtility.HtmlEncode(value));

    private static StringBuilder Invited(StringBuilder sb, EmailModel m, bool html)
    {
        Func<StringBuilder, string?, StringBuilder> put = html ? Enc : static (s, v) => s.Append(v);
        if (m.InvitedBy is { Length: > 0 } && m.AccountName is { Length: > 0 })
        {
            return put(put(sb, m.InvitedBy).Append(" invited you to join "), m.AccountName).Append('.');
        }

        if (m.AccountName is { Length: > 0 })
        {
            return put(sb.Append("You have been invited to join "), m.AccountName).Append('.');
        }

        return m.InvitedBy is { Length: > 0 } ? put(sb, m.InvitedBy).Append(" invited you.") : sb.Append("You have been invited.");
    }

    private static StringBuilder Html(StringBuilder sb, EmailModel m)
    {
        var title = m.TitleText is { Length: > 0 } t ? WebUtility.HtmlEncode(t) : "You're invited";
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
          .Append(title).Append("</title>\n</head>\n<body style=\"margin:0;padding:0;background:#f4f5f7;\">\n")
          .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background:#f4f5f7;\">\n<tr><td align=\"center\" style=\"padding:24px 12px;\">\n")
          .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"max-width:600px;background:#ffffff;border-radius:8px;font-family:Arial,Helvetica,sans-serif;color:#1f2933;\">")
          .Append("\n<tr><td style=\"padding:24px 32px 8px;\"><h1 style=\"margin:0;font-size:22px;line-height:30px;\">").Append(title).Append("</h1></td></tr>\n")
          .Append("<tr><td style=\"padding:8px 32px;font-size:16px;line-height:24px;\">\n<p style=\"margin:0 0 16px;\">");
        if (m.Name is { Length: > 0 } name)
        {
            sb.Append("Hello ").Enc(name).Append(',');
        }
        else
        {
            sb.Append("Hello,");
        }

        sb.Append("</p>");
        if (m.BodyText is { Length: > 0 } body)
        {
            sb.Append("\n<p style=\"margin:0 0 16px;\">").Enc(body).Append("</p>");
        }

        sb.Append("\n<p style=\"margin:0 0 16px;\">");
        Invited(sb, m, html: true).Append("</p>\n</td></tr>\n<tr><td align=\"center\" style=\"padding:8px 32px 24px;\">\n<a href=\"")
          .Enc(m.InviteLink)
          .Append("\" style=\"display:inline-block;padding:14px 28px;background:#2563eb;color:#ffffff;font-size:16px;font-weight:bold;text-decoration:none;border-radius:6px;\">")
          .Append(m.ActivationButtonText is { Length: > 0 } btn ? WebUtility.HtmlEncode(btn) : "Accept invitation")
          .Append("</a>\n</td></tr>\n<tr><td style=\"padding:0 32px 16px;font-size:13px;line-height:20px;color:#52606d;\">\n")
          .Append("<p style=\"margin:0 0 8px;\">If the button does not work, copy this link into your browser:<br><a href=\"").Enc(m.InviteLink)
          .Append("\" style=\"color:#2563eb;word-break:break-all;\">").Enc(m.InviteLink).Append("</a></p>");
        if (m.ExpiresAt is { Length: > 0 } exp)
        {
            sb.Append("\n<p style=\"margin:0 0 8px;\">This invitation expires on ").Enc(exp).Append(".</p>");
        }

        if (m.SupportText is { Length: > 0 } support)
        {
            sb.Append("\n<p style=\"margin:0 0 8px;\">").Enc(support).Append("</p>");
        }

        sb.Append("\n</td></tr>");
        if (m.FooterText is { Length: > 0 } footer)
        {
            sb.Append("\n<tr><td align=\"center\" style=\"padding:16px 32px 24px;border-top:1px solid #e4e7eb;font-size:12px;line-height:18px;color:#7b8794;\">\n")
              .Enc(footer).Append("\n</td></tr>");
        }

        return sb.Append("\n</table>\n</td></tr>\n</table>\n</body>\n</html>");
    }

    private static StringBuilder Text(StringBuilder sb, EmailModel m)
    {
        sb.Append(m.Name is { Length: > 0 } name ? "Hello " : "Hello,");
        if (m.Name is { Length: > 0 })
        {
            sb.Append(m.Name).Append(',');
        }

        sb.Append("\n\n");
        Invited(sb, m, html: false).Append('\n');
        if (m.BodyText is { Length: > 0 } body)
        {
            sb.Append("\n\n").Append(body);
        }

        sb.Append("\n\n").Append(m.ActivationButtonText is { Length: > 0 } btn ? btn : "Accept invitation").Append(":\n").Append(m.InviteLink);
        if (m.ExpiresAt is { Length: > 0 } exp)
        {
            sb.Append("\n\nThis invitation expires on ").Append(exp).Append('.');
        }

        if (m.SupportText is { Length: > 0 } support)
        {
            sb.Append("\n\n").Append(support);
        }

        if (m.FooterText is { Length: > 0 } footer)
        {
            sb.Append("\n\n--\n").Append(footer);
        }

        return sb.Append('\n');
    }
}
