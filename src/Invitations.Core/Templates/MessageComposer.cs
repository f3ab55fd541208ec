using NodaTime;

namespace Invitations.Templates;

/// <summary>Renders an invitation's message from its template and the live link (the only place the raw token meets text).</summary>
internal sealed class MessageComposer(InvitationsOptions options, TemplateCatalog templates, IClock clock)
{
    private readonly TemplateRenderer _renderer = new(templates.Limits, clock);

    /// <summary>Renders the message; null when the template key is no longer registered.</summary>
    /// <exception cref="TemplateRenderException">The template hit a limit or failed at run time.</exception>
    public OutgoingMessage? Compose(InvitationData d, string link, string messageId)
    {
        if (!templates.TryResolve(d.TemplateKey, d.Channel, d.Locale, out var template))
        {
            return null;
        }

        var model = TemplateModel.Create(d, link, options.Defaults.AccountName);
        var rendered = _renderer.Render(template, model);
        var email = d.Channel == MessageChannel.Email;
        return new OutgoingMessage
        {
            MessageId = messageId,
            InvitationId = d.Id,
            Channel = d.Channel,
            To = d.DeliveryAddress,
            ToName = FullName(d),
            FromName = d.Branding?.FromName ?? options.Defaults.FromName,
            Subject = email ? rendered.Subject : string.Empty,
            HtmlBody = email ? rendered.Html : null,
            TextBody = rendered.Text,
            Locale = d.Locale,
            TemplateKey = d.TemplateKey,
        };
    }

    private static string? FullName(InvitationData d) =>
        (d.GivenName, d.FamilyName) switch
        {
            (null or "", null or "") => null,
            (null or "", var f) => f,
            (var g, null or "") => g,
            var (g, f) => g + " " + f,
        };
}
