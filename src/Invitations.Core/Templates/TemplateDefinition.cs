using System.Reflection;

namespace Invitations;

/// <summary>
/// The Liquid source of one message template: a key (for example <c>INVITE_USER</c> or <c>CRM_INVITE</c>),
/// a channel and a locale. E-mail templates have a subject, an HTML body and a text body; SMS templates
/// only a text body. A host definition with the same key, channel and locale replaces a built-in template.
/// </summary>
public sealed record TemplateDefinition
{
    /// <summary>The template key, for example <c>INVITE_USER</c> or <c>CRM_INVITE</c>.</summary>
    public required string Key { get; init; }

    /// <summary>The channel the template renders messages for.</summary>
    public required MessageChannel Channel { get; init; }

    /// <summary>The locale (for example <c>de</c> or <c>de-CH</c>), or null for the key's default (fallback) locale.</summary>
    public string? Locale { get; init; }

    /// <summary>The Liquid source of the subject (e-mail only). Rendered without HTML encoding and without line breaks.</summary>
    public string? Subject { get; init; }

    /// <summary>The Liquid source of the HTML body (e-mail only). Every <c>{{ expression }}</c> output is HTML-encoded.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>The Liquid source of the plain-text body; for SMS the whole message.</summary>
    public required string TextBody { get; init; }

    /// <summary>Creates a definition from Liquid source strings.</summary>
    /// <param name="key">The template key.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="locale">The locale, or null for the key's default locale.</param>
    /// <param name="subject">The subject source (e-mail only).</param>
    /// <param name="htmlBody">The HTML body source (e-mail only).</param>
    /// <param name="textBody">The text body source; for SMS the whole message.</param>
    /// <returns>The definition.</returns>
    public static TemplateDefinition FromStrings(
        string key, MessageChannel channel, string? locale, string? subject, string? htmlBody, string textBody)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(textBody);
        return new TemplateDefinition
        {
            Key = key,
            Channel = channel,
            Locale = locale,
            Subject = subject,
            HtmlBody = htmlBody,
            TextBody = textBody,
        };
    }

    /// <summary>
    /// Reads a definition from a directory: <c>subject.liquid</c>, <c>body.html.liquid</c> and
    /// <c>body.txt.liquid</c> for e-mail, <c>sms.txt.liquid</c> for SMS.
    /// </summary>
    /// <param name="key">The template key.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="locale">The locale, or null for the key's default locale.</param>
    /// <param name="directory">The directory holding the files.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="FileNotFoundException">A required file is missing; the message names its path.</exception>
    public static TemplateDefinition FromDirectory(string key, MessageChannel channel, string? locale, string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string Read(string fileName)
        {
            var path = Path.Combine(directory, fileName);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Template file '{path}' for template '{key}' was not found.", path);
            }

            return File.ReadAllText(path);
        }

        return channel == MessageChannel.Sms
            ? FromStrings(key, channel, locale, null, null, Read(SmsFile))
            : FromStrings(key, channel, locale, Read(SubjectFile), Read(HtmlFile), Read(TextFile));
    }

    /// <summary>
    /// Reads a definition from embedded resources named <c>&lt;prefix&gt;.subject.liquid</c>,
    /// <c>&lt;prefix&gt;.body.html.liquid</c> and <c>&lt;prefix&gt;.body.txt.liquid</c> for e-mail,
    /// <c>&lt;prefix&gt;.sms.txt.liquid</c> for SMS.
    /// </summary>
    /// <param name="assembly">The assembly holding the resources.</param>
    /// <param name="key">The template key.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="locale">The locale, or null for the key's default locale.</param>
    /// <param name="resourcePrefix">The resource name prefix, for example <c>MyApp.Templates.CrmInvite.de</c>.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="FileNotFoundException">A required resource is missing; the message names it.</exception>
    public static TemplateDefinition FromEmbeddedResource(
        Assembly assembly, string key, MessageChannel channel, string? locale, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourcePrefix);
        string Read(string fileName)
        {
            var name = resourcePrefix + "." + fileName;
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new FileNotFoundException(
                    $"Embedded resource '{name}' for template '{key}' was not found in assembly '{assembly.GetName().Name}'.",
                    name);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        return channel == MessageChannel.Sms
            ? FromStrings(key, channel, locale, null, null, Read(SmsFile))
            : FromStrings(key, channel, locale, Read(SubjectFile), Read(HtmlFile), Read(TextFile));
    }

    private const string SubjectFile = "subject.liquid";
    private const string HtmlFile = "body.html.liquid";
    private const string TextFile = "body.txt.liquid";
    private const string SmsFile = "sms.txt.liquid";
}
