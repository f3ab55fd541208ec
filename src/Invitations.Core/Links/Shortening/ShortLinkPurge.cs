using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Links.Shortening;

/// <summary>Deletes expired short links in batches (run by the background maintenance): they lead nowhere once their invitation link expired.</summary>
internal sealed class ShortLinkPurge(IInvitationStore store, IClock clock, IOptions<InvitationsOptions> options)
{
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        var batchSize = options.Value.Maintenance.BatchSize;
        var now = clock.GetCurrentInstant();
        int total = 0, n;
        do
        {
            n = await store.PurgeShortLinksAsync(now, batchSize, cancellationToken).ConfigureAwait(false);
            total += n;
        }
        while (n >= batchSize);

        return total;
    }
}
