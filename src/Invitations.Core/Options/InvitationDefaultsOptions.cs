using System.ComponentModel.DataAnnotations;

namespace Invitations;

/// <summary>Values used when a request or its branding gives none (<see cref="InvitationsOptions.Defaults"/>).</summary>
public sealed class InvitationDefaultsOptions
{
    /// <summary>The display name of the host's organization (<c>{{ account_name }}</c>); no control or line-break characters.</summary>
    /// <value>The default is "our team".</value>
    public string AccountName { get; set; } = "our team";

    /// <summary>The sender display name when branding gives none; no control or line-break characters.</summary>
    /// <value>The default is <see langword="null"/>: the sender's own default.</value>
    public string? FromName { get; set; }

    /// <summary>The locale used when a request gives none.</summary>
    /// <value>The default is <c>en</c>.</value>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Defaults.Locale is required, for example \"en\".")]
    public string Locale { get; set; } = "en";

    /// <summary>The IANA time zone used to format expiry when a request gives none.</summary>
    /// <value>The default is <c>UTC</c>.</value>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The region used to parse national phone numbers (ISO 3166, for example <c>DE</c>); <see langword="null"/> requires +country codes.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? PhoneRegion { get; set; }
}
