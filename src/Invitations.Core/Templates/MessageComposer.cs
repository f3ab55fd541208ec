namespace Invitations.Templates;

/// <summary>Renders an invitation's message from its template and the live link (the only place the raw token meets text).</summary>
internal sealed class MessageComposer(InvitationsOptions options, TemplateCatalog templates)
{
    /// <summary>Renders the message, or null when the template key is no longer registered.</summary>
    public OutgoingMessage? Compose(InvitationData d, string link, string messageId)
    {
        if (!templates.TryResolve(d.TemplateKey, d.Channel, d.Locale, out var template))
        {
            return null;
        }

        var rendered = templates.Render(template, CreateModel(d, link));
        return new OutgoingMessage
        {
            MessageId = messageId,
            InvitationId = d.Id,
            Channel = d.Channel,
            To = d.DeliveryAddress,
            ToName = FullName(d),
            FromName = d.Branding?.FromName ?? options.DefaultFromName,
            Subject = d.Channel == MessageChannel.Email ? rendered.Subject : string.Empty,
            HtmlBody = d.Channel == MessageChannel.Email ? rendered.Html : null,
            TextBody = rendered.Text,
            Locale = d.Locale,
            TemplateKey = d.TemplateKey,
        };
    }

    private TemplateModel CreateModel(InvitationData d, string link) => new()
    {
        Name = FullName(d) ?? d.Email ?? d.MobileNumber,
        GivenName = d.GivenName,
        FamilyName = d.FamilyName,
        InviteLink = link,
        InvitedBy = d.InvitedByName ?? string.Empty,
        AccountName = options.AccountName,
        ExpiresAt = TemplateModel.FormatExpiry(d.ExpiresAt, d.Locale, d.TimeZone),
        Locale = d.Locale,
        CustomFields = d.CustomFields,
        Branding = d.Branding,
    };

    private static string? FullName(InvitationData d) =>
        (d.GivenName, d.FamilyName) switch
        {
            (null or "", null or "") => null,
            (null or "", var f) => f,
            (var g, null or "") => g,
            var (g, f) => g + " " + f,
        };

}
