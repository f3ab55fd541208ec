using Invitations.Templates;

namespace Invitations.Benchmarks.Fixtures;

/// <summary>
/// The library's own render path for one invitation e-mail: resolve the compiled template, build the
/// template model from the stored invitation, render subject + HTML + text. This is what
/// MessageComposer does inside InviteAsync, minus the OutgoingMessage record.
/// </summary>
public sealed class OurRenderer
{
    private readonly TemplateCatalog _catalog;
    private readonly InvitationsOptions _options;

    public OurRenderer(IServiceProvider services)
    {
        _catalog = (TemplateCatalog)services.GetService(typeof(TemplateCatalog))!;
        _options = ((Microsoft.Extensions.Options.IOptions<InvitationsOptions>)services.GetService(typeof(Microsoft.Extensions.Options.IOptions<InvitationsOptions>))!).Value;
    }

    public (string Subject, string? Html, string Text) Render(InvitationData d, string link)
    {
        if (!_catalog.TryResolve(d.TemplateKey, d.Channel, d.Locale, out var template))
        {
            throw new InvalidOperationException("template not found");
        }

        // TEMPORARY (stub API on main until branch `templates` is merged).
        var model = new TemplateModel
        {
            Name = d.GivenName + " " + d.FamilyName,
            GivenName = d.GivenName,
            FamilyName = d.FamilyName,
            InviteLink = link,
            InvitedBy = d.InvitedByName ?? string.Empty,
            AccountName = _options.AccountName,
            ExpiresAt = TemplateModel.FormatExpiry(d.ExpiresAt, d.Locale, d.TimeZone),
            Locale = d.Locale,
            CustomFields = d.CustomFields,
            Branding = d.Branding,
        };
        var r = _catalog.Render(template, model);
        return (r.Subject, r.Html, r.Text);
    }
}
