namespace Invitations;

/// <summary>
/// Where one host template's Liquid source lives, for <see cref="InvitationTemplateOptions.Files"/>: either a
/// <see cref="Directory"/> holding <c>subject.liquid</c>, <c>body.html.liquid</c> and <c>body.txt.liquid</c> (e-mail) or
/// <c>sms.txt.liquid</c> (SMS), or one path per part. A relative part path resolves against <see cref="Directory"/>
/// when it is set; a relative <see cref="Directory"/> (or part path without one) against the host's content root, the
/// directory of <c>appsettings.json</c> (the working directory when there is no host).
/// </summary>
public sealed class TemplateFileSource
{
    /// <summary>The template key, for example <c>INVITE_USER</c> or <c>CRM_INVITE</c>. Required.</summary>
    /// <value>The default is empty.</value>
    public string Key { get; set; } = string.Empty;

    /// <summary>The channel the template renders messages for.</summary>
    /// <value>The default is <see cref="MessageChannel.Email"/>.</value>
    public MessageChannel Channel { get; set; } = MessageChannel.Email;

    /// <summary>The locale (for example <c>de</c>), or <see langword="null"/> for the key's default (fallback) locale.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Locale { get; set; }

    /// <summary>The directory holding the parts under their conventional names.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Directory { get; set; }

    /// <summary>The subject file (e-mail), overriding <c>subject.liquid</c>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? SubjectFile { get; set; }

    /// <summary>The HTML body file (e-mail), overriding <c>body.html.liquid</c>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? HtmlBodyFile { get; set; }

    /// <summary>The text body file (the whole message for SMS), overriding <c>body.txt.liquid</c> or <c>sms.txt.liquid</c>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? TextBodyFile { get; set; }
}
