using Invitations.Templates.Compiled;
using Scriban;

namespace Invitations.Templates;

/// <summary>One parsed (key, channel, locale) template, ready to render. Immutable and shareable across threads.</summary>
internal sealed class CompiledTemplate
{
    /// <summary>Wraps the parsed parts and compiles each to the Liquid subset when it fits.</summary>
    /// <param name="key">The template key.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="locale">The locale, null for the key's default.</param>
    /// <param name="subject">The parsed subject.</param>
    /// <param name="html">The parsed HTML body.</param>
    /// <param name="text">The parsed text body.</param>
    /// <param name="compileSubset">False renders every part through Scriban (the differential tests compare both paths).</param>
    public CompiledTemplate(string key, MessageChannel channel, string? locale, Template? subject, Template? html, Template text, bool compileSubset = true)
    {
        Key = key;
        Channel = channel;
        Locale = locale;
        Subject = subject;
        Html = html;
        Text = text;
        if (compileSubset)
        {
            SubsetSubject = subject is null ? null : LiquidSubsetCompiler.TryCompile(subject);
            SubsetHtml = html is null ? null : LiquidSubsetCompiler.TryCompile(html);
            SubsetText = LiquidSubsetCompiler.TryCompile(text);
        }
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

    /// <summary>The subject compiled to the Liquid subset, or null when it renders through Scriban.</summary>
    public CompiledLiquid? SubsetSubject { get; }

    /// <summary>The HTML body compiled to the Liquid subset, or null when it renders through Scriban.</summary>
    public CompiledLiquid? SubsetHtml { get; }

    /// <summary>The text body compiled to the Liquid subset, or null when it renders through Scriban.</summary>
    public CompiledLiquid? SubsetText { get; }
}
