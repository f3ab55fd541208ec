using System.Text;

namespace Invitations.Links;

/// <summary>
/// Resolves a request's client, link target and redirect link against the allow-list (exact ordinal
/// match only) and builds links: <c>{target}?invite_token={token}&amp;view_type=register</c>.
/// </summary>
internal sealed class LinkBuilder(InvitationsOptions options)
{
    public InvitationResult<(string ClientId, string Target, string? Redirect)> Resolve(string? clientId, string? linkTarget, string? redirectLink)
    {
        var id = clientId ?? options.DefaultClientId ?? (options.Clients.Count == 1 ? options.Clients.Keys.First() : null);
        if (id is null || !options.Clients.TryGetValue(id, out var client))
        {
            return Errors.Errors.ClientNotFound();
        }

        var target = client.InitiateLoginUri;
        if (linkTarget is not null)
        {
            if (!string.Equals(linkTarget, client.InitiateLoginUri, StringComparison.Ordinal) && !client.AllowedLinkTargets.Contains(linkTarget, StringComparer.Ordinal))
            {
                return Errors.Errors.RedirectNotAllowed("link");
            }

            target = linkTarget;
        }

        if (redirectLink is not null && !client.AllowedRedirectLinks.Contains(redirectLink, StringComparer.Ordinal))
        {
            return Errors.Errors.RedirectNotAllowed("redirect_link");
        }

        return (id, target, redirectLink);
    }

    public string Build(string target, string token)
    {
        var sb = new StringBuilder(target.Length + token.Length + 48);
        sb.Append(target).Append(target.Contains('?', StringComparison.Ordinal) ? '&' : '?')
          .Append(Uri.EscapeDataString(options.TokenParameterName)).Append('=').Append(token)
          .Append("&view_type=register");
        return sb.ToString();
    }
}
