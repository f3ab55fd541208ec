using System.ComponentModel.DataAnnotations;

namespace Invitations;

/// <summary>The clients invitees register for and the shape of the links that point at them (<see cref="InvitationsOptions.Links"/>).</summary>
public sealed class InvitationLinkOptions
{
    /// <summary>
    /// Clients by id; see <see cref="InvitationClient"/>. At least one is required. In configuration each client is a
    /// section named by its id (<c>"Clients": { "web": { "InitiateLoginUri": "https://…" } }</c>).
    /// </summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, InvitationClient> Clients { get; } = new Dictionary<string, InvitationClient>(StringComparer.Ordinal);

    /// <summary>The client used when a request names none.</summary>
    /// <value>The default is <see langword="null"/>: the only client, if exactly one is configured.</value>
    public string? DefaultClientId { get; set; }

    /// <summary>The query parameter that carries the token in links: letters, digits, <c>_</c> or <c>-</c>.</summary>
    /// <value>The default is <c>invite_token</c>.</value>
    [Required(ErrorMessage = "Links.TokenParameterName is required: letters, digits, '_' or '-'.")]
    [RegularExpression("^[A-Za-z0-9_-]+$", ErrorMessage = "Links.TokenParameterName must be letters, digits, '_' or '-'.")]
    public string TokenParameterName { get; set; } = "invite_token";

    /// <summary>
    /// Whether SMS messages carry a short link (<see cref="ILinkShortener"/>) instead of the token link. The built-in
    /// shortener needs <see cref="ShortLinkBaseUrl"/> and a store that keeps short links (in-memory, EF Core).
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool ShortenSms { get; set; }

    /// <summary>Whether e-mail messages carry a short link too.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool ShortenEmail { get; set; }

    /// <summary>
    /// Where the built-in shortener's links point: an absolute https URL ending in <c>/</c> that the host serves with
    /// <c>MapInvitationShortLinks()</c>, for example <c>https://app.example.com/i/</c>; the code is appended.
    /// </summary>
    /// <value>The default is <see langword="null"/>; required when <see cref="ShortenSms"/> or <see cref="ShortenEmail"/> is on.</value>
    public string? ShortLinkBaseUrl { get; set; }

    /// <summary>A URL pattern for the <c>url</c> field of facts; <c>{id}</c> is replaced by the invitation id.</summary>
    /// <value>The default is <see langword="null"/>: facts carry no url.</value>
    public string? FactUrlTemplate { get; set; }
}
