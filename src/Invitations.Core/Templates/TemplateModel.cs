using System.Collections.Concurrent;
using System.Globalization;
using NodaTime;

namespace Invitations.Templates;

/// <summary>
/// The variables a template can read. Only strings and a string dictionary are exposed (no .NET objects,
/// so no reflection escapes). Liquid names: <c>name</c>, <c>given_name</c>,
/// <c>family_name</c>, <c>invite_link</c>, <c>invited_by</c>, <c>account_name</c>, <c>expires_at</c>,
/// <c>locale</c>, <c>custom_fields</c> and the branding fields (<c>from_name</c>, <c>subject</c>,
/// <c>title_text</c>, <c>body_text</c>, <c>support_text</c>, <c>activation_button_text</c>,
/// <c>header_image</c>, <c>footer_text</c>, <c>footer_logo_image</c>).
/// </summary>
internal sealed class TemplateModel
{
    private static readonly ConcurrentDictionary<string, (CultureInfo Culture, string Pattern)> Cultures =
        new(StringComparer.OrdinalIgnoreCase);

    private static readonly (CultureInfo Culture, string Pattern) Invariant =
        (CultureInfo.InvariantCulture, DatePattern(CultureInfo.InvariantCulture) + " HH:mm");
    private string? _name;

    /// <summary>The invitee's given name (<c>given_name</c>).</summary>
    public string? GivenName { get; init; }

    /// <summary>The invitee's family name (<c>family_name</c>).</summary>
    public string? FamilyName { get; init; }

    /// <summary>The delivery address, shown as <c>name</c> when the invitee has no name.</summary>
    public string? RecipientAddress { get; init; }

    /// <summary>The invitation link with the raw token (<c>invite_link</c>).</summary>
    public required string InviteLink { get; init; }

    /// <summary>The inviter's display name (<c>invited_by</c>).</summary>
    public string? InvitedBy { get; init; }

    /// <summary>The account/organization name (<c>account_name</c>).</summary>
    public string? AccountName { get; init; }

    /// <summary>The formatted expiry (<c>expires_at</c>), see <see cref="FormatExpiry"/>.</summary>
    public string? ExpiresAt { get; init; }

    /// <summary>The recipient's locale (<c>locale</c>).</summary>
    public string? Locale { get; init; }

    /// <summary>Custom fields (<c>custom_fields.department</c>).</summary>
    public IReadOnlyDictionary<string, string>? CustomFields { get; init; }

    /// <summary>Per-request branding (<c>from_name</c>, <c>subject</c>, <c>title_text</c>, …).</summary>
    public InvitationBranding? Branding { get; init; }

    /// <summary><c>name</c>: given and family name, or the recipient address when there is no name.</summary>
    public string? Name => _name ??= ComputeName();

    /// <summary>Builds the model for an invitation.</summary>
    /// <param name="invitation">The invitation.</param>
    /// <param name="inviteLink">The invitation link including the raw token.</param>
    /// <param name="accountName">The account/organization name, if any.</param>
    public static TemplateModel Create(InvitationData invitation, string inviteLink, string? accountName)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return new TemplateModel
        {
            GivenName = invitation.GivenName,
            FamilyName = invitation.FamilyName,
            RecipientAddress = invitation.DeliveryAddress,
            InviteLink = inviteLink,
            InvitedBy = invitation.InvitedByName,
            AccountName = accountName,
            ExpiresAt = FormatExpiry(invitation.ExpiresAt, invitation.Locale, invitation.TimeZone),
            Locale = invitation.Locale,
            CustomFields = invitation.CustomFields,
            Branding = invitation.Branding,
        };
    }

    /// <summary>
    /// Formats an expiry instant in the recipient's locale and IANA time zone, for example
    /// <c>March 5, 2026 14:30 (UTC)</c> or <c>5. März 2026 14:30 (Europe/Berlin)</c>. Unknown zones fall back
    /// to UTC, unknown locales to the invariant culture.
    /// </summary>
    public static string FormatExpiry(Instant expiresAt, string? locale, string? timeZone)
    {
        var zone = (string.IsNullOrWhiteSpace(timeZone) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone.Trim()))
            ?? DateTimeZone.Utc;
        var (culture, pattern) = GetCulture(locale);
        var local = expiresAt.InZone(zone).ToDateTimeUnspecified();

        // One string per message: the date is formatted into a stack buffer, not into a string of its own first.
        Span<char> date = stackalloc char[128];
        return local.TryFormat(date, out var written, pattern, culture)
            ? string.Concat(date[..written], " (", zone.Id, ")")
            : local.ToString(pattern, culture) + " (" + zone.Id + ")";
    }

    private string? ComputeName()
    {
        var given = GivenName?.Trim();
        var family = FamilyName?.Trim();
        if (!string.IsNullOrEmpty(given) && !string.IsNullOrEmpty(family))
        {
            return given + " " + family;
        }

        if (!string.IsNullOrEmpty(given))
        {
            return given;
        }

        return !string.IsNullOrEmpty(family) ? family : RecipientAddress;
    }

    private static (CultureInfo Culture, string Pattern) GetCulture(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale) || locale.Length > 35)
        {
            return Invariant;
        }

        return Cultures.GetOrAdd(locale, static name =>
        {
            try
            {
                var culture = CultureInfo.GetCultureInfo(name.Trim().Replace('_', '-'), predefinedOnly: true);
                return (culture, DatePattern(culture) + " HH:mm");
            }
            catch (CultureNotFoundException)
            {
                return Invariant;
            }
        });
    }

    /// <summary>The culture's long date pattern without the day of the week ("MMMM d, yyyy", "d. MMMM yyyy").</summary>
    private static string DatePattern(CultureInfo culture)
    {
        var pattern = culture.DateTimeFormat.LongDatePattern;
        var index = pattern.IndexOf("dddd", StringComparison.Ordinal);
        if (index < 0)
        {
            return pattern;
        }

        var end = index + 4;
        while (end < pattern.Length && (pattern[end] == ',' || pattern[end] == ' ' || pattern[end] == '،'))
        {
            end++;
        }

        var start = index;
        while (start > 0 && (pattern[start - 1] == ',' || pattern[start - 1] == ' '))
        {
            start--;
        }

        return (pattern[..start] + pattern[end..]).Trim();
    }
}
