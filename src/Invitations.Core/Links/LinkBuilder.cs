namespace Invitations.Links;

/// <summary>
/// Resolves a request's client, link target and redirect link against the allow-list (exact ordinal
/// match only) and builds links: <c>{target}?invite_token={token}&amp;view_type=register</c>, or <c>view_type=login</c> for
/// an invitee who already has an account elsewhere (cidaas: the login page then joins the account to the organization).
/// </summary>
internal sealed class LinkBuilder(InvitationsOptions options)
{
    private readonly string _afterPath = "?" + Uri.EscapeDataString(options.Links.TokenParameterName) + "=";
    private readonly string _afterQuery = "&" + Uri.EscapeDataString(options.Links.TokenParameterName) + "=";
    private readonly string? _onlyClient = options.Links.Clients.Count == 1 ? options.Links.Clients.Keys.Single() : null;

    public InvitationResult<(string ClientId, string Target, string? Redirect)> Resolve(string? clientId, string? linkTarget, string? redirectLink)
    {
        var id = clientId ?? options.Links.DefaultClientId ?? _onlyClient;
        if (id is null || !options.Links.Clients.TryGetValue(id, out var client))
        {
            return Errors.InvitationErrors.ClientNotFound();
        }

        var target = client.InitiateLoginUri;
        if (linkTarget is not null)
        {
            if (!string.Equals(linkTarget, client.InitiateLoginUri, StringComparison.Ordinal) && !client.AllowedLinkTargets.Contains(linkTarget, StringComparer.Ordinal))
            {
                return Errors.InvitationErrors.RedirectNotAllowed("link");
            }

            target = linkTarget;
        }

        if (redirectLink is not null && !client.AllowedRedirectLinks.Contains(redirectLink, StringComparer.Ordinal))
        {
            return Errors.InvitationErrors.RedirectNotAllowed("redirect_link");
        }

        return (id, target, redirectLink);
    }

    /// <summary>One string allocation: the token parameter's prefix is escaped once, when the options are bound.</summary>
    public string Build(string target, string token) => Build(target, token, signIn: false);

    /// <summary>The link to registration, or with <paramref name="signIn"/> to sign-in (an invitee with an existing account).</summary>
    public string Build(string target, string token, bool signIn) =>
        string.Concat(target, target.Contains('?', StringComparison.Ordinal) ? _afterQuery : _afterPath, token, signIn ? "&view_type=login" : "&view_type=register");
}
