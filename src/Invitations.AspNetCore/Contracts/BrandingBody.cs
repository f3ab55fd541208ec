using System.Text.Json.Serialization;

namespace Invitations.AspNetCore.Contracts;

/// <summary>PingOne's per-request message fields.</summary>
internal sealed class BrandingBody
{
    [JsonPropertyName("from_name")] public string? FromName { get; init; }
    [JsonPropertyName("subject")] public string? Subject { get; init; }
    [JsonPropertyName("title_text")] public string? TitleText { get; init; }
    [JsonPropertyName("body_text")] public string? BodyText { get; init; }
    [JsonPropertyName("support_text")] public string? SupportText { get; init; }
    [JsonPropertyName("activation_button_text")] public string? ActivationButtonText { get; init; }
    [JsonPropertyName("footer_text")] public string? FooterText { get; init; }
    [JsonPropertyName("footer_logo_image")] public string? FooterLogoImage { get; init; }
    [JsonPropertyName("header_image")] public string? HeaderImage { get; init; }
}
