namespace Invitations.Templates;

/// <summary>
/// The one mapping from Liquid variable names to model values (<see cref="Engine.ModelValue"/> reads every variable
/// through it). A value that is empty or white space reads as nil; image URLs that are not absolute <c>https://</c>
/// URLs read as nil.
/// </summary>
internal static class ModelFields
{
    /// <summary>The name of the custom-field object (<c>custom_fields.department</c>).</summary>
    public const string CustomFields = "custom_fields";

    private static readonly Dictionary<string, ModelField> ByName = new(StringComparer.Ordinal)
    {
        ["name"] = ModelField.Name,
        ["given_name"] = ModelField.GivenName,
        ["family_name"] = ModelField.FamilyName,
        ["invite_link"] = ModelField.InviteLink,
        ["invited_by"] = ModelField.InvitedBy,
        ["account_name"] = ModelField.AccountName,
        ["expires_at"] = ModelField.ExpiresAt,
        ["locale"] = ModelField.Locale,
        ["from_name"] = ModelField.FromName,
        ["subject"] = ModelField.Subject,
        ["title_text"] = ModelField.TitleText,
        ["body_text"] = ModelField.BodyText,
        ["support_text"] = ModelField.SupportText,
        ["activation_button_text"] = ModelField.ActivationButtonText,
        ["header_image"] = ModelField.HeaderImage,
        ["footer_text"] = ModelField.FooterText,
        ["footer_logo_image"] = ModelField.FooterLogoImage,
    };

    /// <summary>Finds the field a variable name stands for.</summary>
    public static bool TryParse(string name, out ModelField field) => ByName.TryGetValue(name, out field);

    /// <summary>Reads a field: nil when the value is missing, empty or white space.</summary>
    public static string? Read(TemplateModel model, ModelField field)
    {
        var branding = model.Branding;
        var text = field switch
        {
            ModelField.Name => model.Name,
            ModelField.GivenName => model.GivenName,
            ModelField.FamilyName => model.FamilyName,
            ModelField.InviteLink => model.InviteLink,
            ModelField.InvitedBy => model.InvitedBy,
            ModelField.AccountName => model.AccountName,
            ModelField.ExpiresAt => model.ExpiresAt,
            ModelField.Locale => model.Locale,
            ModelField.FromName => branding?.FromName,
            ModelField.Subject => branding?.Subject,
            ModelField.TitleText => branding?.TitleText,
            ModelField.BodyText => branding?.BodyText,
            ModelField.SupportText => branding?.SupportText,
            ModelField.ActivationButtonText => branding?.ActivationButtonText,
            ModelField.HeaderImage => HttpsOnly(branding?.HeaderImage),
            ModelField.FooterText => branding?.FooterText,
            ModelField.FooterLogoImage => HttpsOnly(branding?.FooterLogoImage),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>Reads a custom field: nil when it is missing, empty or white space.</summary>
    public static string? ReadCustomField(IReadOnlyDictionary<string, string>? fields, string key) =>
        fields is not null && fields.TryGetValue(key, out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    /// <summary>Image URLs are exposed only when they are absolute <c>https://</c> URLs (no <c>javascript:</c>, <c>data:</c> or <c>http:</c>).</summary>
    private static string? HttpsOnly(string? url) =>
        url is not null && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && url.Length > 8 ? url.Trim() : null;
}
