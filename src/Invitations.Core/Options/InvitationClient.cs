namespace Invitations;

/// <summary>
/// One client application invitees register for, with the allow-list of URLs an invitation may point
/// at. Every URL is compared by exact, ordinal string match (OAuth 2.0 Security BCP): no prefix, case
/// or normalization tricks, so no open redirects.
/// </summary>
public sealed class InvitationClient
{
    /// <summary>
    /// The client's login page (cidaas <c>initiate_login_uri</c>). Invitation links point here with the
    /// token and <c>view_type=register</c>; the page starts its own OAuth2 flow (state, PKCE). Required;
    /// absolute https (http only for localhost).
    /// </summary>
    /// <value>The default is empty.</value>
    public string InitiateLoginUri { get; set; } = string.Empty;

    /// <summary>
    /// Other link targets (for example a registration page) a request may choose with <c>LinkTarget</c>. A list given in
    /// configuration replaces this one.
    /// </summary>
    /// <value>The default is empty.</value>
    public IList<string> AllowedLinkTargets { get; } = [];

    /// <summary>URLs a request may pass as <c>RedirectLink</c> (where the invitee lands after registering).</summary>
    /// <value>The default is empty.</value>
    public IList<string> AllowedRedirectLinks { get; } = [];
}
