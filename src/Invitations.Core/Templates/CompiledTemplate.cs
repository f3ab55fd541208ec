using Scriban;

namespace Invitations.Templates;

/// <summary>One parsed (key, channel, locale) template, ready to render. Immutable and shareable across threads.</summary>
internal sealed class CompiledTemplate
{
    public CompiledTemplate(string key, MessageChannel channel, string? locale, Template? subject, Template? html, Template text)
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
    public Template? Subject { get; }

    /// <summary>The parsed HTML body (e-mail only; optional).</summary>
    public Template? Html { get; }

    /// <summary>The parsed text body (the whole message for SMS).</summary>
    public Template Text { get; }
}
