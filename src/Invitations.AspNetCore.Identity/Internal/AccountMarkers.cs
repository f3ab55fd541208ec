using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Invitations.AspNetCore.Identity.Internal;

/// <summary>
/// The claims that mark an account as half-made: created for an invitation that is not yet accepted into it. They let a
/// retry find an interrupted registration by its token and are removed in the same write that unlocks the account.
/// </summary>
internal sealed record AccountMarkers(string InvitationId, string TokenDigest, Instant Since)
{
    /// <summary>The invitation the account is being made for.</summary>
    public const string InvitationClaim = "invitations:pending_invitation";

    /// <summary>A SHA-256 digest of the token (never the token): how a retry with the same link finds the account.</summary>
    public const string TokenClaim = "invitations:pending_token";

    /// <summary>When the registration began.</summary>
    public const string SinceClaim = "invitations:pending_since";

    public static string Digest(string token) => Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public IReadOnlyList<Claim> ToClaims() =>
    [
        new(InvitationClaim, InvitationId),
        new(TokenClaim, TokenDigest),
        new(SinceClaim, InstantPattern.General.Format(Since)),
    ];

    /// <summary>The markers among <paramref name="claims"/>, or null when the account is not half-made.</summary>
    public static AccountMarkers? From(IEnumerable<Claim> claims)
    {
        string? invitation = null, token = null, since = null;
        foreach (var claim in claims)
        {
            switch (claim.Type)
            {
                case InvitationClaim: invitation = claim.Value; break;
                case TokenClaim: token = claim.Value; break;
                case SinceClaim: since = claim.Value; break;
            }
        }

        if (invitation is null || token is null)
        {
            return null;
        }

        // An unreadable time counts as long ago: the account is then treated as interrupted, never as in progress forever.
        var at = since is not null && InstantPattern.General.Parse(since) is { Success: true } parsed ? parsed.Value : Instant.MinValue;
        return new AccountMarkers(invitation, token, at);
    }

    public static bool IsMarker(Claim claim) => claim.Type is InvitationClaim or TokenClaim or SinceClaim;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
