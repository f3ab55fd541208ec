using NodaTime;
using NodaTime.Testing;
using Invitations.Templates;

namespace Invitations.Core.Tests.Templates;

internal static class TemplateTestData
{
    public const string Link = "https://app.example.com/invite/abc123?t=QmFzZTY0VG9rZW4tdGVzdA";

    public static TemplateCatalog Catalog(params TemplateDefinition[] definitions) =>
        new(definitions, new TemplateLimits());

    /// <summary>The instant every test renderer's clock reads (Liquid's <c>now</c>).</summary>
    public static readonly Instant Now = Instant.FromUtc(2031, 7, 4, 9, 15);

    public static TemplateRenderer Renderer(TemplateLimits? limits = null, IClock? clock = null) =>
        new(limits ?? new TemplateLimits(), clock ?? new FakeClock(Now));

    public static TemplateModel Model(
        string? givenName = "Ada",
        string? familyName = "Lovelace",
        string? invitedBy = "Grace Hopper",
        string? accountName = "Acme",
        InvitationBranding? branding = null,
        IReadOnlyDictionary<string, string>? customFields = null,
        string link = Link,
        string? locale = "en") =>
        new()
        {
            GivenName = givenName,
            FamilyName = familyName,
            RecipientAddress = "ada@example.com",
            InviteLink = link,
            InvitedBy = invitedBy,
            AccountName = accountName,
            ExpiresAt = "March 5, 2026 14:30 (UTC)",
            Locale = locale,
            CustomFields = customFields ?? new Dictionary<string, string> { ["department"] = "R&D" },
            Branding = branding,
        };

    public static RenderedTemplate Render(
        TemplateCatalog catalog, TemplateModel model, string key = "INVITE_USER",
        MessageChannel channel = MessageChannel.Email, string? locale = "en", TemplateLimits? limits = null)
    {
        catalog.TryResolve(key, channel, locale, out var template).Should().BeTrue();
        return Renderer(limits).Render(template, model);
    }

    public static RenderedTemplate RenderSource(
        string? subject, string? html, string text, TemplateModel model,
        MessageChannel channel = MessageChannel.Email, TemplateLimits? limits = null)
    {
        var catalog = new TemplateCatalog(
            [TemplateDefinition.FromStrings("TEST", channel, null, subject, html, text)],
            limits ?? new TemplateLimits());
        catalog.TryResolve("TEST", channel, null, out var template).Should().BeTrue();
        return Renderer(limits).Render(template, model);
    }
}
