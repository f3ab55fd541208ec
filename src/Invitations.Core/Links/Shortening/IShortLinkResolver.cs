namespace Invitations;

/// <summary>
/// Resolves the built-in shortener's codes to the invitation link they stand for (what <c>GET /i/{code}</c> of
/// Invitations.AspNetCore redirects to). Side-effect free: resolving changes nothing, so a link scanner that follows a
/// short link spends nothing. Thread-safe.
/// </summary>
public interface IShortLinkResolver
{
    /// <summary>
    /// The invitation link of <paramref name="code"/>, or null for an unknown, malformed, expired or superseded code (a
    /// resend rotated the token) and for an invitation that is no longer pending: one answer for all, so the caller
    /// cannot tell which.
    /// </summary>
    /// <param name="code">The code from the short link's last path segment.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The link, or null.</returns>
    Task<string?> ResolveAsync(string code, CancellationToken cancellationToken = default);
}
