namespace Invitations.Templates.BuiltIn;

/// <summary>
/// The localized snippets of the built-in <c>INVITE_REMINDER</c> templates, in the invitation's skeleton. The reminder
/// carries a new link (the previous one stopped working), and says so.
/// </summary>
internal static class BuiltInReminderStrings
{
    public static BuiltInStrings English { get; } = new(
        Subject: "{% if account_name %}Reminder: your invitation to {{ account_name }} expires soon{% else %}Reminder: your invitation expires soon{% endif %}",
        Title: "Your invitation expires soon",
        Hello: BuiltInStrings.English.Hello,
        Invited: "{% if invited_by and account_name %}{{ invited_by }} invited you to join {{ account_name }}, and the invitation is still open."
            + "{% elsif account_name %}You have been invited to join {{ account_name }}, and the invitation is still open."
            + "{% else %}Your invitation is still open.{% endif %} Use this new link: earlier links no longer work.",
        Accept: BuiltInStrings.English.Accept,
        LinkText: BuiltInStrings.English.LinkText,
        Expires: BuiltInStrings.English.Expires,
        Sms: "{% if account_name %}Reminder: your invitation to {{ account_name }}{% else %}Reminder: your invitation{% endif %}: {{ invite_link }}"
            + "{% if expires_at %}\nValid until {{ expires_at }}{% endif %}");

    public static BuiltInStrings German { get; } = new(
        Subject: "{% if account_name %}Erinnerung: Ihre Einladung zu {{ account_name }} läuft bald ab{% else %}Erinnerung: Ihre Einladung läuft bald ab{% endif %}",
        Title: "Ihre Einladung läuft bald ab",
        Hello: BuiltInStrings.German.Hello,
        Invited: "{% if invited_by and account_name %}{{ invited_by }} hat Sie zu {{ account_name }} eingeladen, und die Einladung ist noch offen."
            + "{% elsif account_name %}Sie wurden zu {{ account_name }} eingeladen, und die Einladung ist noch offen."
            + "{% else %}Ihre Einladung ist noch offen.{% endif %} Bitte verwenden Sie diesen neuen Link: frühere Links funktionieren nicht mehr.",
        Accept: BuiltInStrings.German.Accept,
        LinkText: BuiltInStrings.German.LinkText,
        Expires: BuiltInStrings.German.Expires,
        Sms: "{% if account_name %}Erinnerung: Ihre Einladung zu {{ account_name }}{% else %}Erinnerung: Ihre Einladung{% endif %}: {{ invite_link }}"
            + "{% if expires_at %}\nGültig bis {{ expires_at }}{% endif %}");
}
