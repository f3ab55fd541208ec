using Microsoft.Extensions.Options;

namespace Invitations.WebApp.Setup;

/// <summary>The app's view of the invitation client it is (<c>Invitations:Links</c>): the token's query parameter and the redirects.</summary>
public sealed class WebAppLinks(IOptionsMonitor<InvitationsOptions> options)
{
    private InvitationLinkOptions Links => options.CurrentValue.Links;

    private InvitationClient? Client =>
        (Links.DefaultClientId ?? (Links.Clients.Count == 1 ? Links.Clients.Keys.Single() : null)) is { } id && Links.Clients.TryGetValue(id, out var client)
            ? client
            : null;

    /// <summary>The query parameter of the link that carries the token (<c>invite_token</c> by default).</summary>
    public string TokenParameter => Links.TokenParameterName;

    /// <summary>Where a new account is sent: the client's first allow-listed redirect, which every invitation the admin page makes carries.</summary>
    public string? RedirectAfterRegistration => Client?.AllowedRedirectLinks.FirstOrDefault();

    /// <summary>
    /// Whether <paramref name="url"/> may be redirected to: exactly one of the client's allow-listed links. The library
    /// checked it when the invitation was made; checking again here keeps a later change of the list in force.
    /// </summary>
    public bool IsAllowedRedirect(string? url) => url is not null && Client?.AllowedRedirectLinks.Contains(url, StringComparer.Ordinal) == true;
}
