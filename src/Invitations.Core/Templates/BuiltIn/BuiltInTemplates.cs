namespace Invitations.Templates.BuiltIn;

/// <summary>
/// The built-in <c>INVITE_USER</c> and <c>INVITE_REMINDER</c> templates (e-mail and SMS, English and German). English serves as the
/// default locale: the catalog falls back to <c>en</c> when no default (null-locale) template is registered,
/// so a host that replaces <c>en</c> also replaces the default. Hosts replace any of them by registering a
/// definition with the same key, channel and locale.
/// </summary>
internal static class BuiltInTemplates
{
    /// <summary>The default template key.</summary>
    public const string InviteUser = "INVITE_USER";

    /// <summary>The default template key of reminders (<see cref="ReminderOptions.TemplateKey"/>).</summary>
    public const string InviteReminder = "INVITE_REMINDER";

    /// <summary>All built-in definitions.</summary>
    public static IReadOnlyList<TemplateDefinition> All { get; } = Create();

    private static TemplateDefinition[] Create()
    {
        var en = Email(InviteUser, "en", BuiltInStrings.English);
        var de = Email(InviteUser, "de", BuiltInStrings.German);
        var smsEn = Sms(InviteUser, "en", BuiltInStrings.English);
        var smsDe = Sms(InviteUser, "de", BuiltInStrings.German);
        var reminders = new[]
        {
            Email(InviteReminder, "en", BuiltInReminderStrings.English), Email(InviteReminder, "de", BuiltInReminderStrings.German),
            Sms(InviteReminder, "en", BuiltInReminderStrings.English), Sms(InviteReminder, "de", BuiltInReminderStrings.German),
        };
        return [en, de, smsEn, smsDe, .. reminders];
    }

    private static TemplateDefinition Email(string key, string locale, BuiltInStrings s) =>
        TemplateDefinition.FromStrings(key, MessageChannel.Email, locale, s.Subject, Html(locale, s), Text(s));

    private static TemplateDefinition Sms(string key, string locale, BuiltInStrings s) =>
        TemplateDefinition.FromStrings(key, MessageChannel.Sms, locale, null, null, s.Sms);

    private static string Html(string locale, BuiltInStrings s) => BuiltInHtml.Skeleton
        .Replace("@@LANG@@", locale, StringComparison.Ordinal)
        .Replace("@@TITLE@@", s.Title, StringComparison.Ordinal)
        .Replace("@@HELLO@@", s.Hello, StringComparison.Ordinal)
        .Replace("@@INVITED@@", s.Invited, StringComparison.Ordinal)
        .Replace("@@ACCEPT@@", s.Accept, StringComparison.Ordinal)
        .Replace("@@LINKTEXT@@", s.LinkText, StringComparison.Ordinal)
        .Replace("@@EXPIRES@@", s.Expires, StringComparison.Ordinal);

    private static string Text(BuiltInStrings s) =>
        s.Hello + "\n\n"
        + s.Invited + "\n"
        + "{%- if body_text %}\n\n{{ body_text }}\n{%- endif %}\n\n"
        + "{% if activation_button_text %}{{ activation_button_text }}{% else %}" + s.Accept + "{% endif %}:\n"
        + "{{ invite_link }}\n"
        + "{%- if expires_at %}\n\n" + s.Expires + "\n{%- endif %}\n"
        + "{%- if support_text %}\n\n{{ support_text }}\n{%- endif %}\n"
        + "{%- if footer_text %}\n\n--\n{{ footer_text }}\n{%- endif %}\n";
}
