using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Invitations.Templates;

/// <summary>
/// Exposes a <see cref="TemplateModel"/> to Liquid as a read-only set of string variables, without copying
/// it into a <see cref="ScriptObject"/>. Reused per thread: set <see cref="Model"/> before each render.
/// Empty values read as nil, so <c>{% if header_image %}</c> and <c>| default:</c> work. Image URLs that are
/// not <c>https://</c> read as nil.
/// </summary>
internal sealed class ModelScriptObject : IScriptObject
{
    private static readonly string[] Names =
    [
        "name", "given_name", "family_name", "invite_link", "invited_by", "account_name", "expires_at", "locale",
        "custom_fields", "from_name", "subject", "title_text", "body_text", "support_text",
        "activation_button_text", "header_image", "footer_text", "footer_logo_image",
    ];

    private readonly StringDictionaryScriptObject _customFields = new();

    public TemplateModel? Model { get; set; }

    public int Count => Names.Length;

    public bool IsReadOnly
    {
        get => true;
        set { }
    }

    public IEnumerable<string> GetMembers() => Names;

    public bool Contains(string member) => Array.IndexOf(Names, member) >= 0;

    public bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        var model = Model;
        if (model is null)
        {
            value = null;
            return false;
        }

        var branding = model.Branding;
        string? text;
        switch (member)
        {
            case "name": text = model.Name; break;
            case "given_name": text = model.GivenName; break;
            case "family_name": text = model.FamilyName; break;
            case "invite_link": text = model.InviteLink; break;
            case "invited_by": text = model.InvitedBy; break;
            case "account_name": text = model.AccountName; break;
            case "expires_at": text = model.ExpiresAt; break;
            case "locale": text = model.Locale; break;
            case "from_name": text = branding?.FromName; break;
            case "subject": text = branding?.Subject; break;
            case "title_text": text = branding?.TitleText; break;
            case "body_text": text = branding?.BodyText; break;
            case "support_text": text = branding?.SupportText; break;
            case "activation_button_text": text = branding?.ActivationButtonText; break;
            case "header_image": text = HttpsOnly(branding?.HeaderImage); break;
            case "footer_text": text = branding?.FooterText; break;
            case "footer_logo_image": text = HttpsOnly(branding?.FooterLogoImage); break;
            case "custom_fields":
                _customFields.Values = model.CustomFields;
                value = _customFields;
                return true;
            default:
                value = null;
                return false;
        }

        value = string.IsNullOrWhiteSpace(text) ? null : text;
        return true;
    }

    public bool CanWrite(string member) => false;

    /// <summary>Image URLs are exposed only when they are absolute <c>https://</c> URLs (no <c>javascript:</c>, <c>data:</c> or <c>http:</c>).</summary>
    private static string? HttpsOnly(string? url) =>
        url is not null && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && url.Length > 8 ? url.Trim() : null;

    public bool TrySetValue(TemplateContext? context, SourceSpan span, string member, object? value, bool readOnly) => false;

    public bool Remove(string member) => false;

    public void SetReadOnly(string member, bool readOnly)
    {
    }

    public IScriptObject Clone(bool deep) => this;
}
