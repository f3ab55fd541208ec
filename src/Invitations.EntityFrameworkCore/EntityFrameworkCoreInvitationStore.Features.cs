using Invitations.EntityFrameworkCore.Providers;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Invitations.EntityFrameworkCore;

/// <summary>The reminder work list and the built-in shortener's short links (<c>invitation_short_links</c>) of the EF Core store.</summary>
public sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InvitationData>> FindExpiringPendingAsync(ExpiringPendingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "The limit must be between 1 and 10000.");
        }

        var (from, to, limit) = (query.From, query.To, query.Limit);
        Guid? afterId = query.AfterId?.Value;

        // Served by ix_invitations_state_expires_at; the id orders ties as the database compares it, and pages continue by the same comparison.
        return RunAsync<IReadOnlyList<InvitationData>>(
            async (context, _, ct) =>
            {
                var rows = context.Set<InvitationRow>().AsNoTracking()
                    .Where(r => (r.State == Initiated || r.State == Reinitiated) && r.ExpiresAt <= to);
                rows = afterId is { } id
                    ? rows.Where(r => r.ExpiresAt > from || (r.ExpiresAt == from && r.Id.CompareTo(id) > 0))
                    : rows.Where(r => r.ExpiresAt > from);
                var page = await rows.OrderBy(r => r.ExpiresAt).ThenBy(r => r.Id).Take(limit).ToListAsync(ct).ConfigureAwait(false);
                return page.ConvertAll(RowMapper.ToData);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> SaveShortLinkAsync(ShortLinkRecord link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        return RunAsync(
            async (context, provider, ct) =>
            {
                context.Add(new ShortLinkRow
                {
                    CodeHash = link.CodeHash.ToArray(), InvitationId = link.InvitationId.Value, SealedToken = link.SealedToken.ToArray(),
                    CreatedAt = link.CreatedAt, ExpiresAt = link.ExpiresAt,
                });
                try
                {
                    await context.SaveChangesAsync(ct).ConfigureAwait(false);
                    return true;
                }
                catch (DbUpdateException ex) when (!provider.IsTransient(ex) && provider.ClassifyUniqueViolation(ex) != UniqueViolation.None)
                {
                    return false;
                }
            },
            cancellationToken,
            write: true);
    }

    /// <inheritdoc />
    public ValueTask<ShortLinkRecord?> FindShortLinkAsync(byte[] codeHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codeHash);
        return RunAsync(
            async (context, _, ct) =>
            {
                var row = await context.Set<ShortLinkRow>().AsNoTracking().FirstOrDefaultAsync(r => r.CodeHash == codeHash, ct).ConfigureAwait(false);
                return row is null
                    ? null
                    : new ShortLinkRecord
                    {
                        CodeHash = row.CodeHash, InvitationId = new InvitationId(row.InvitationId), SealedToken = row.SealedToken,
                        CreatedAt = row.CreatedAt, ExpiresAt = row.ExpiresAt,
                    };
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeShortLinksAsync(Instant before, int maxItems, CancellationToken cancellationToken)
    {
        if (maxItems < 1)
        {
            return ValueTask.FromResult(0);
        }

        return RunAsync(
            async (context, _, ct) =>
            {
                var keys = await context.Set<ShortLinkRow>().Where(r => r.ExpiresAt < before).OrderBy(r => r.ExpiresAt)
                    .Select(r => r.CodeHash).Take(maxItems).ToListAsync(ct).ConfigureAwait(false);
                return keys.Count == 0 ? 0 : await context.Set<ShortLinkRow>().Where(r => keys.Contains(r.CodeHash)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            },
            cancellationToken,
            write: true);
    }

    /// <summary>Deletes the short links of invitations being deleted (erasure, retention), inside the caller's transaction.</summary>
    private static Task<int> DeleteShortLinksAsync(TContext context, List<Guid> ids, CancellationToken cancellationToken) =>
        context.Set<ShortLinkRow>().Where(r => ids.Contains(r.InvitationId)).ExecuteDeleteAsync(cancellationToken);
}
