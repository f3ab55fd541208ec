// TEMPORARY: stand-ins for the Templates room being built on branch `templates`; deleted at merge.
using NodaTime;

namespace Invitations
{
    /// <summary>stub</summary>
    public sealed record TemplateDefinition
    {
        /// <summary>stub</summary>
        public required string Key { get; init; }
        /// <summary>stub</summary>
        public required MessageChannel Channel { get; init; }
        /// <summary>stub</summary>
        public string? Locale { get; init; }
        /// <summary>stub</summary>
        public string? Subject { get; init; }
        /// <summary>stub</summary>
        public string? HtmlBody { get; init; }
        /// <summary>stub</summary>
        public required string TextBody { get; init; }
    }

    /// <summary>stub</summary>
    public sealed record TemplateLimits
    {
        /// <summary>stub</summary>
        public int MaxSmsLength { get; init; } = 320;
    }

    /// <summary>stub</summary>
    public sealed class InvitationTemplateException(string message) : Exception(message)
    {
    }
}

namespace Invitations.Templates
{
    internal sealed class CompiledTemplate(string key)
    {
        public string Key { get; } = key;
    }

    internal readonly record struct RenderedTemplate(string Subject, string? Html, string Text);

    internal sealed class TemplateModel
    {
        public string? Name { get; set; }
        public string? GivenName { get; set; }
        public string? FamilyName { get; set; }
        public string? InviteLink { get; set; }
        public string? InvitedBy { get; set; }
        public string? AccountName { get; set; }
        public string? ExpiresAt { get; set; }
        public string? Locale { get; set; }
        public IReadOnlyDictionary<string, string>? CustomFields { get; set; }
        public InvitationBranding? Branding { get; set; }
        public static string FormatExpiry(Instant expiresAt, string? locale, string? timeZone) => expiresAt.ToString();
    }

    internal sealed class TemplateCatalog(IEnumerable<TemplateDefinition> definitions, TemplateLimits limits)
    {
        public TemplateLimits Limits { get; } = limits;
        public bool HasTemplate(string key, MessageChannel channel) => key == "INVITE_USER" || definitions.Any(d => d.Key == key);
        public bool TryResolve(string key, MessageChannel channel, string? locale, out CompiledTemplate template)
        {
            template = new CompiledTemplate(key);
            return HasTemplate(key, channel);
        }
        #pragma warning disable CA1822
        public RenderedTemplate Render(CompiledTemplate template, TemplateModel model) =>
            new($"{model.InvitedBy} invited you", $"<a href=\"{model.InviteLink}\">{System.Net.WebUtility.HtmlEncode(model.Name)}</a>", $"{model.Name} {model.InviteLink}");
    }
}
