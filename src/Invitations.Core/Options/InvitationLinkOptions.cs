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

    /// <summary>A URL pattern for the <c>url</c> field of facts; <c>{id}</c> is replaced by the invitation id.</summary>
    /// <value>The default is <see langword="null"/>: facts carry no url.</value>
    public string? FactUrlTemplate { get; set; }
}
