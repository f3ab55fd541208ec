namespace Invitations;

/// <summary>
/// Per-request branding of the invitation message (PingOne's invite attributes). Every value is
/// optional; a missing value falls back to the template's default text. Values are rendered
/// HTML-encoded; image and link values must be absolute <c>https</c> URLs.
/// </summary>
public sealed record InvitationBranding
{
    /// <summary>The sender's display name (PingOne <c>fromName</c>). Line breaks are rejected.</summary>
    public string? FromName { get; init; }

    /// <summary>The subject line (PingOne <c>subject</c>); replaces the template's subject. Line breaks are rejected.</summary>
    public string? Subject { get; init; }

    /// <summary>The title shown above the body (PingOne <c>titleText</c>).</summary>
    public string? TitleText { get; init; }

    /// <summary>The body text (PingOne <c>bodyText</c>).</summary>
    public string? BodyText { get; init; }

    /// <summary>Contact information for further support (PingOne <c>supportText</c>).</summary>
    public string? SupportText { get; init; }

    /// <summary>The label of the activation button (PingOne <c>activationButtonText</c>).</summary>
    public string? ActivationButtonText { get; init; }

    /// <summary>Text displayed in the footer (PingOne <c>footerText</c>).</summary>
    public string? FooterText { get; init; }

    /// <summary>An https URL of an image shown in the footer (PingOne <c>footerLogoImage</c>).</summary>
    public string? FooterLogoImage { get; init; }

    /// <summary>An https URL of an image shown in the header (PingOne <c>headerImage</c>).</summary>
    public string? HeaderImage { get; init; }
}
