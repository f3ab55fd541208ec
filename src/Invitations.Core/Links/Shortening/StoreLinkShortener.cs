using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Links.Shortening;

/// <summary>
/// The built-in <see cref="ILinkShortener"/>: a fresh <see cref="ShortCode"/> per message, kept by the store as its digest
/// and the link sealed under the code's key (<see cref="ShortLinkRecord"/>), expiring with the invitation. A resend
/// rotates the token, so the previous code's link no longer matches the invitation and resolves to nothing.
/// </summary>
internal sealed class StoreLinkShortener(IInvitationStore store, IClock clock, IOptions<InvitationsOptions> options) : ILinkShortener
{
    private const int MaxAttempts = 3;

    public async ValueTask<string> ShortenAsync(LinkShorteningRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var baseUrl = options.Value.Links.ShortLinkBaseUrl
            ?? throw new InvalidOperationException("Links.ShortLinkBaseUrl is required for the built-in link shortener.");

        // 131 random bits never collide in practice; the unique digest still turns the impossible into a retry, not a clash.
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var code = ShortCode.Create();
            var record = new ShortLinkRecord
            {
                CodeHash = ShortCode.Hash(code),
                InvitationId = request.InvitationId,
                SealedToken = ShortCode.Seal(code, request.InvitationId, request.Link),
                CreatedAt = clock.GetCurrentInstant(),
                ExpiresAt = request.ExpiresAt,
            };
            if (await store.SaveShortLinkAsync(record, cancellationToken).ConfigureAwait(false))
            {
                return baseUrl + code;
            }
        }

        throw new InvalidOperationException("The store refused every new short code.");
    }
}
