using Invitations.Templates.BuiltIn;

namespace Invitations.Benchmarks.Fixtures;

/// <summary>
/// The library's built-in English INVITE_USER e-mail (<see cref="BuiltInTemplates"/>), as plain Liquid
/// source, for the engines that render beside the library: Fluid and Scriban used directly and DotLiquid (and,
/// translated, Handlebars.Net). The HTML variant for those engines pipes every output through
/// <c>escape</c> (the library's renderer HTML-encodes every output of an HTML body on its own).
/// </summary>
public static class InviteTemplateSource
{
    private static readonly TemplateDefinition English =
        BuiltInTemplates.All.Single(d => d.Channel == MessageChannel.Email && d.Locale == "en");

    public static string Subject { get; } = English.Subject!;

    public static string Html { get; } = English.HtmlBody!;

    public static string Text { get; } = English.TextBody;

    /// <summary>The HTML body with <c>| escape</c> after every output expression.</summary>
    public static string HtmlEscaped { get; } = System.Text.RegularExpressions.Regex.Replace(Html, @"\{\{ ([a-z_]+) \}\}", "{{ $1 | escape }}");
}
