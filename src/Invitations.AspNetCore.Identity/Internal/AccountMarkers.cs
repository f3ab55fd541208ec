using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Invitations.AspNetCore.Identity.Internal;

/// <summary>
/// How a half-made account (created for an invitation not yet accepted into it) is recognized. Its id is derived from the
/// token, so a retry with the same link finds it by primary key (and racing requests with one link collide on it); its
/// marker claims say which invitation it is for and since when, and are removed in the same write that unlocks it.
/// </summary>
internal sealed record AccountMarkers(string InvitationId, string TokenDigest, Instant Since)
{
    /// <summary>The invitation the account is being made for.</summary>
    public const string InvitationClaim = "invitations:pending_invitation";

    /// <summary>A SHA-256 digest of the token (never the token): which link made the account.</summary>
    public const string TokenClaim = "invitations:pending_token";

    /// <summary>When the registration began.</summary>
    public const string SinceClaim = "invitations:pending_since";

    /// <summary>
    /// How long a half-made account is locked out: a century, so it can never sign in, and <c>LockoutEnd</c> minus this
    /// is when its registration began, known from the account's very first write (before the marker claims exist).
    /// </summary>
    public static readonly Duration Lockout = Duration.FromDays(36_525);

    /// <summary>The lockout end of an account whose registration begins at <paramref name="now"/>.</summary>
    public static DateTimeOffset LockoutEnd(Instant now) => (now + Lockout).ToDateTimeOffset();

    /// <summary>
    /// When the registration of a half-made account began, from its lockout; null when it is not locked as one is (a
    /// finished account, or one an administrator locked: <c>DateTimeOffset.MaxValue</c> would mean a start in the future).
    /// </summary>
    public static Instant? BeganAt(DateTimeOffset? lockoutEnd, Instant now)
    {
        if (lockoutEnd is not { } end)
        {
            return null;
        }

        var began = Instant.FromDateTimeOffset(end) - Lockout;
        return began <= now && now - began < Lockout / 2 ? began : null;
    }

    public static string Digest(string token) => Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// The id of the account registered with <paramref name="token"/>: a GUID from a domain-separated SHA-256 of the token
    /// (it cannot be turned back into the token, and differs from the digest the invitation store keeps).
    /// </summary>
    public static string AccountId(string token) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("invitations:account:" + token)).AsSpan(0, 16)).ToString();

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
