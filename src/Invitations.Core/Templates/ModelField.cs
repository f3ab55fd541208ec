namespace Invitations.Templates;

/// <summary>The string variables of a <see cref="TemplateModel"/> (everything but <c>custom_fields</c>).</summary>
internal enum ModelField
{
    Name,
    GivenName,
    FamilyName,
    InviteLink,
    InvitedBy,
    AccountName,
    ExpiresAt,
    Locale,
    FromName,
    Subject,
    TitleText,
    BodyText,
    SupportText,
    ActivationButtonText,
    HeaderImage,
    FooterText,
    FooterLogoImage,
}
