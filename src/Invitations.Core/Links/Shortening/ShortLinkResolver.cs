using Invitations.Domain;
using Invitations.Tokens;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Links.Shortening;

/// <summary>
/// Opens the built-in shortener's records: digest lookup, expiry, the seal (bound to the invitation), then the
/// invitation itself, which must still be pending, unexpired and hold the link's token as its current one.
/// </summary>
internal sealed class ShortLinkResolver(IInvitationStore store, IClock clock, IOptions<InvitationsOptions> options) : IShortLinkResolver
{
    private readonly string _parameter = Uri.EscapeDataString(options.Value.Links.TokenParameterName) + "=";

    public async Task<string?> ResolveAsync(string code, CancellationToken cancellationToken = default)
    {
        if (!ShortCode.IsWellFormed(code))
        {
            return null;
        }

        var record = await store.FindShortLinkAsync(ShortCode.Hash(code), cancellationToken).ConfigureAwait(false);
        var now = clock.GetCurrentInstant();
        if (record is null || now >= record.ExpiresAt || ShortCode.Open(code, record.InvitationId, record.SealedToken) is not { } link)
        {
            return null;
        }

        var invitation = await store.FindAsync(record.InvitationId, cancellationToken).ConfigureAwait(false);
        return invitation is not null && InvitationStateMachine.IsPending(InvitationStateMachine.EffectiveState(invitation, now)) && Current(invitation, link)
            ? link
            : null;
    }

    /// <summary>Whether the link's token is the invitation's current one (a resend or a reminder rotated it otherwise).</summary>
    private bool Current(InvitationData invitation, string link)
    {
        var at = link.IndexOf("?" + _parameter, StringComparison.Ordinal);
        if (at < 0)
        {
            at = link.IndexOf("&" + _parameter, StringComparison.Ordinal);
        }

        if (at < 0 || invitation.TokenHash is not { } stored)
        {
            return false;
        }

        var start = at + 1 + _parameter.Length;
        var end = link.IndexOf('&', start);
        var token = end < 0 ? link[start..] : link[start..end];
        Span<byte> hash = stackalloc byte[InvitationToken.HashLength];
        return InvitationToken.TryHash(token, hash) && InvitationToken.DigestEquals(stored, hash);
    }
}
