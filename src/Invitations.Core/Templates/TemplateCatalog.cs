using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Parser;
using Invitations.Templates.BuiltIn;
using Invitations.Templates.Engine;

namespace Invitations.Templates;

/// <summary>
/// All message templates, parsed once at construction (startup fails fast on a syntax error). Built-in
/// <c>INVITE_USER</c> templates are always present; host definitions with the same key, channel and locale
/// replace them. Immutable after construction and safe to share across threads.
/// </summary>
internal sealed partial class TemplateCatalog
{
    private const string DefaultLocale = "";
    private const string FallbackLocale = "en";

    private readonly Dictionary<string, CompiledTemplate> _templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledTemplate> _anyLocale = new(StringComparer.Ordinal);
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public TemplateCatalog(IEnumerable<TemplateDefinition> definitions, TemplateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;

        var merged = new Dictionary<string, TemplateDefinition>(StringComparer.Ordinal);
        foreach (var definition in BuiltInTemplates.All)
        {
            merged[LookupKey(definition.Key, definition.Channel, definition.Locale)] = definition;
        }

        foreach (var definition in definitions)
        {
            ArgumentNullException.ThrowIfNull(definition);
            merged[LookupKey(definition.Key, definition.Channel, definition.Locale)] = definition;
        }

        foreach (var (lookupKey, definition) in merged)
        {
            var compiled = Compile(definition, limits);
            _templates[lookupKey] = compiled;
            _keys.Add(definition.Key);
            _anyLocale.TryAdd(ChannelKey(definition.Key, definition.Channel), compiled);
        }

        Keys = Array.AsReadOnly(_keys.Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>The limits the templates were validated against (and render with).</summary>
    public TemplateLimits Limits { get; }

    /// <summary>All template keys (built-in and host), sorted.</summary>
    public IReadOnlyCollection<string> Keys { get; }

    /// <summary>Whether a template with this key exists for the channel (in any locale).</summary>
    public bool HasTemplate(string key, MessageChannel channel) =>
        key is not null && _anyLocale.ContainsKey(ChannelKey(key, channel));

    /// <summary>
    /// Finds the template for a key, channel and locale, falling back <c>de-CH</c> → <c>de</c> → the key's
    /// default (null) locale → <c>en</c> → any locale of the key. False when the key/channel is unknown.
    /// </summary>
    public bool TryResolve(string key, MessageChannel channel, string? locale, out CompiledTemplate template)
    {
        template = null!;
        if (string.IsNullOrEmpty(key) || !_anyLocale.TryGetValue(ChannelKey(key, channel), out var any))
        {
            return false;
        }

        var candidate = string.IsNullOrWhiteSpace(locale) ? null : locale.Trim().Replace('_', '-');
        while (!string.IsNullOrEmpty(candidate))
        {
            if (_templates.TryGetValue(LookupKey(key, channel, candidate), out var found))
            {
                template = found;
                return true;
            }

            var dash = candidate.LastIndexOf('-');
            candidate = dash > 0 ? candidate[..dash] : null;
        }

        if (_templates.TryGetValue(LookupKey(key, channel, DefaultLocale), out var fallback)
            || _templates.TryGetValue(LookupKey(key, channel, FallbackLocale), out fallback))
        {
            template = fallback;
            return true;
        }

        template = any;
        return true;
    }

    private static CompiledTemplate Compile(TemplateDefinition definition, TemplateLimits limits)
    {
        if (string.IsNullOrWhiteSpace(definition.Key))
        {
            throw new InvitationTemplateException("A template definition has no key.");
        }

        if (definition.Channel == MessageChannel.Sms && (definition.Subject is not null || definition.HtmlBody is not null))
        {
            throw Invalid(definition, TemplateParts.Subject, "SMS templates have only a text body; remove the subject and HTML body.");
        }

        if (definition.Channel == MessageChannel.Email && definition.Subject is null)
        {
            throw Invalid(definition, TemplateParts.Subject, "E-mail templates need a subject.");
        }

        var subject = definition.Subject is null ? null : Parse(definition, TemplateParts.Subject, definition.Subject, limits);
        var html = definition.HtmlBody is null ? null : Parse(definition, TemplateParts.Html, definition.HtmlBody, limits);
        var text = Parse(definition, TemplateParts.Text, definition.TextBody, limits);
        return new CompiledTemplate(definition.Key, definition.Channel, definition.Locale, subject, html, text);
    }

    private static TemplatePart Parse(TemplateDefinition definition, string part, string source, TemplateLimits limits)
    {
        if (source is null)
        {
            throw Invalid(definition, part, "The source is missing.");
        }

        if (source.Length > limits.MaxSourceLength)
        {
            throw Invalid(
                definition,
                part,
                $"The source is {source.Length} characters long; the limit (TemplateLimits.MaxSourceLength) is {limits.MaxSourceLength}.");
        }

        if (SourceShape.Check(source) is { } shape)
        {
            throw new InvitationTemplateException(
                definition.Key, definition.Channel, definition.Locale, part, shape.Line, shape.Column, shape.Detail);
        }

        bool parsed;
        IReadOnlyList<Fluid.Ast.Statement>? statements;
        Parlot.ParseError? error;
        try
        {
            parsed = LiquidParser.Instance.Grammar.TryParse(new FluidParseContext(source), out statements, out error);
        }
        catch (ParseException ex)
        {
            // A few of Fluid's errors (an unknown tag inside {% liquid %}) are thrown with the position in the message.
            var (line, column) = PositionIn(ex.Message);
            throw new InvitationTemplateException(definition.Key, definition.Channel, definition.Locale, part, line, column, ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvitationTemplateException(definition.Key, definition.Channel, definition.Locale, part, 0, 0, ex.Message);
        }

        if (error is not null)
        {
            throw new InvitationTemplateException(
                definition.Key, definition.Channel, definition.Locale, part, error.Position.Line, error.Position.Column, error.Message ?? "The source is not valid Liquid.");
        }

        if (!parsed || statements is null)
        {
            throw Invalid(definition, part, "The source is not a Liquid template.");
        }

        return TemplatePart.From(new FluidTemplate(statements));
    }

    private static (int Line, int Column) PositionIn(string message)
    {
        var match = PositionRegex().Match(message);
        return match.Success
            ? (int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture))
            : (0, 0);
    }

    [GeneratedRegex(@"at \((\d+):(\d+)\)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PositionRegex();

    private static InvitationTemplateException Invalid(TemplateDefinition definition, string part, string detail) =>
        new(definition.Key, definition.Channel, definition.Locale, part, 0, 0, detail);

    private static string LookupKey(string key, MessageChannel channel, string? locale) =>
        string.Concat(
            key,
            channel == MessageChannel.Sms ? "\u0001sms\u0001" : "\u0001email\u0001",
            locale is null ? DefaultLocale : locale.Trim().Replace('_', '-').ToLowerInvariant());

    private static string ChannelKey(string key, MessageChannel channel) =>
        channel == MessageChannel.Sms ? key + "\u0001sms" : key + "\u0001email";
}
