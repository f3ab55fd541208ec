using System.Globalization;

namespace Invitations.Templates;

/// <summary>
/// Rendering a template failed at run time: a loop, recursion, string-size or time limit was hit, an
/// <c>include</c> was attempted, or the template raised an error. The message names the template and position.
/// </summary>
internal sealed class TemplateRenderException : Exception
{
    public TemplateRenderException(
        string templateKey, MessageChannel channel, string? locale, string part, int line, int column, string detail, Exception? inner)
        : base(FormatMessage(templateKey, channel, locale, part, line, column, detail), inner)
    {
        TemplateKey = templateKey;
        Channel = channel;
        Locale = locale;
        Part = part;
        Line = line;
        Column = column;
    }

    public string TemplateKey { get; }

    public MessageChannel Channel { get; }

    public string? Locale { get; }

    public string Part { get; }

    public int Line { get; }

    public int Column { get; }

    private static string FormatMessage(
        string templateKey, MessageChannel channel, string? locale, string part, int line, int column, string detail)
    {
        var where = line > 0
            ? string.Format(CultureInfo.InvariantCulture, " at line {0}, column {1}", line, column)
            : string.Empty;
        return string.Format(
            CultureInfo.InvariantCulture,
            "Template '{0}' ({1}, {2}, {3}) failed to render{4}: {5}",
            templateKey,
            channel == MessageChannel.Sms ? "sms" : "email",
            locale ?? "default",
            part,
            where,
            detail);
    }
}
