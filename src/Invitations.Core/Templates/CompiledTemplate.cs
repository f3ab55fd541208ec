namespace Invitations.Templates;

/// <summary>One parsed (key, channel, locale) template, ready to render. Immutable and shareable across threads.</summary>
internal sealed class CompiledTemplate
{
    /// <summary>Wraps the parsed parts.</summary>
    /// <param name="key">The template key.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="locale">The locale, null for the key's default.</param>
    /// <param name="subject">The parsed subject.</param>
    /// <param name="html">The parsed HTML body.</param>
    /// <param name="text">The parsed text body.</param>
    public CompiledTemplate(string key, MessageChannel channel, string? locale, TemplatePart? subject, TemplatePart? html, TemplatePart text)
    {
        Key = key;
        Channel = channel;
        Locale = locale;
        Subject = subject;
        Html = html;
        Text = text;
    }

    /// <summary>The template key.</summary>
    public string Key { get; }

    /// <summary>The channel.</summary>
    public MessageChannel Channel { get; }

    /// <summary>The locale the template was registered under; null for the key's default locale.</summary>
    public string? Locale { get; }

    /// <summary>The parsed subject (e-mail only).</summary>
    public TemplatePart? Subject { get; }

    /// <summary>The parsed HTML body (e-mail only; optional).</summary>
    public TemplatePart? Html { get; }

    /// <summary>The parsed text body (the whole message for SMS).</summary>
    public TemplatePart Text { get; }
}
