namespace Invitations.Templates.BuiltIn;

/// <summary>Localized Liquid snippets of the built-in templates.</summary>
internal sealed record BuiltInStrings(
    string Subject, string Title, string Hello, string Invited, string Accept, string LinkText, string Expires, string Sms)
{
    public static BuiltInStrings English { get; } = new(
        Subject: "{% if invited_by and account_name %}{{ invited_by }} invited you to join {{ account_name }}"
            + "{% elsif account_name %}You're invited to join {{ account_name }}"
            + "{% elsif invited_by %}{{ invited_by }} invited you{% else %}You're invited{% endif %}",
        Title: "You're invited",
        Hello: "{% if name %}Hello {{ name }},{% else %}Hello,{% endif %}",
        Invited: "{% if invited_by and account_name %}{{ invited_by }} invited you to join {{ account_name }}."
            + "{% elsif account_name %}You have been invited to join {{ account_name }}."
            + "{% elsif invited_by %}{{ invited_by }} invited you.{% else %}You have been invited.{% endif %}",
        Accept: "Accept invitation",
        LinkText: "If the button does not work, copy this link into your browser:",
        Expires: "This invitation expires on {{ expires_at }}.",
        Sms: "{% if invited_by and account_name %}{{ invited_by }} invited you to {{ account_name }}"
            + "{% elsif account_name %}You're invited to {{ account_name }}"
            + "{% elsif invited_by %}{{ invited_by }} invited you{% else %}You're invited{% endif %}: {{ invite_link }}"
            + "{% if expires_at %}\nValid until {{ expires_at }}{% endif %}");

    public static BuiltInStrings German { get; } = new(
        Subject: "{% if invited_by and account_name %}{{ invited_by }} hat Sie zu {{ account_name }} eingeladen"
            + "{% elsif account_name %}Einladung zu {{ account_name }}"
            + "{% elsif invited_by %}{{ invited_by }} hat Sie eingeladen{% else %}Sie wurden eingeladen{% endif %}",
        Title: "Sie wurden eingeladen",
        Hello: "{% if name %}Hallo {{ name }},{% else %}Hallo,{% endif %}",
        Invited: "{% if invited_by and account_name %}{{ invited_by }} hat Sie zu {{ account_name }} eingeladen."
            + "{% elsif account_name %}Sie wurden zu {{ account_name }} eingeladen."
            + "{% elsif invited_by %}{{ invited_by }} hat Sie eingeladen.{% else %}Sie wurden eingeladen.{% endif %}",
        Accept: "Einladung annehmen",
        LinkText: "Falls die Schaltfläche nicht funktioniert, kopieren Sie diesen Link in Ihren Browser:",
        Expires: "Diese Einladung ist gültig bis {{ expires_at }}.",
        Sms: "{% if invited_by and account_name %}{{ invited_by }} hat Sie zu {{ account_name }} eingeladen"
            + "{% elsif account_name %}Einladung zu {{ account_name }}"
            + "{% elsif invited_by %}{{ invited_by }} hat Sie eingeladen{% else %}Sie wurden eingeladen{% endif %}: {{ invite_link }}"
            + "{% if expires_at %}\nGültig bis {{ expires_at }}{% endif %}");
}
