using System.Globalization;

namespace Invitations;

/// <summary>
/// A message template could not be loaded or parsed: a syntax error, a source that is too long or an
/// invalid definition. Thrown when the templates are loaded (at startup), never at the first send.
/// </summary>
public sealed class InvitationTemplateException : Exception
{
    /// <summary>Creates an exception with a message only.</summary>
    public InvitationTemplateException()
        : this("The message template is invalid.")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The error message.</param>
    public InvitationTemplateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The cause.</param>
    public InvitationTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception describing an error at a position in one part of a template.</summary>
    /// <param name="templateKey">The template key, for example <c>CRM_INVITE</c>.</param>
    /// <param name="channel">The template's channel.</param>
    /// <param name="locale">The template's locale, or null for the key's default locale.</param>
    /// <param name="part">The part: <c>subject</c>, <c>html</c> or <c>text</c>.</param>
    /// <param name="line">The 1-based line of the error, or 0 when unknown.</param>
    /// <param name="column">The 1-based column of the error, or 0 when unknown.</param>
    /// <param name="detail">What is wrong.</param>
    public InvitationTemplateException(
        string templateKey, MessageChannel channel, string? locale, string part, int line, int column, string detail)
        : base(FormatMessage(templateKey, channel, locale, part, line, column, detail))
    {
        TemplateKey = templateKey;
        Channel = channel;
        Locale = locale;
        Part = part;
        Line = line;
        Column = column;
    }

    /// <summary>The template key, for example <c>CRM_INVITE</c>; null when not about one template.</summary>
    public string? TemplateKey { get; }

    /// <summary>The channel of the template.</summary>
    public MessageChannel Channel { get; }

    /// <summary>The locale of the template, or null for the key's default locale.</summary>
    public string? Locale { get; }

    /// <summary>The template part: <c>subject</c>, <c>html</c> or <c>text</c>; null when not about one part.</summary>
    public string? Part { get; }

    /// <summary>The 1-based line of the error, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error, or 0 when unknown.</summary>
    public int Column { get; }

    private static string FormatMessage(
        string templateKey, MessageChannel channel, string? locale, string part, int line, int column, string detail)
    {
        var channelName = channel == MessageChannel.Sms ? "sms" : "email";
        var what = line > 0
            ? string.Format(CultureInfo.InvariantCulture, "has a syntax error at line {0}, column {1}", line, column)
            : "is invalid";
        return string.Format(
            CultureInfo.InvariantCulture,
            "Template '{0}' ({1}, {2}, {3}) {4}: {5}",
            templateKey,
            channelName,
            locale ?? "default",
            part,
            what,
            detail);
    }
}
