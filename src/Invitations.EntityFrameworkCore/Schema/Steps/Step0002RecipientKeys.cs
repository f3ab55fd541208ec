using Invitations.Validation;
using Microsoft.EntityFrameworkCore;

namespace Invitations.EntityFrameworkCore.Schema.Steps;

/// <summary>
/// 0.1.0 stored recipient keys as <c>{org}|{channel}|{address}</c>, which could collide across organizations: rewritten
/// into the current injective form (<see cref="RecipientKeys"/>), pending keys with them. Until this runs, a new
/// invitation of the same recipient does not find the pending one.
/// </summary>
internal static class Step0002RecipientKeys
{
    public static SchemaStep Step { get; } = new(2, "rewrite 0.1.0 recipient keys into the injective rk1 form", ApplyAsync);

    /// <summary>Rewrites every legacy key; idempotent (only keys holding '|' are legacy) and safe beside a running application.</summary>
    public static async Task<int> ApplyAsync(SchemaTarget target, CancellationToken cancellationToken)
    {
        const int batch = 500;
        var set = target.Context.Set<InvitationRow>();
        var total = 0;
        Guid? after = null;
        while (true)
        {
            // Keyset pagination by id: a row whose rewrite lost a race keeps its old key and is not re-read forever.
            var query = set.AsNoTracking().Where(r => EF.Functions.Like(r.RecipientKey, "%|%"));
            if (after is { } last)
            {
                query = query.Where(r => r.Id.CompareTo(last) > 0);
            }

            var rows = await query
                .OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.RecipientKey, r.PendingRecipientKey, r.OrganizationId })
                .Take(batch)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                var key = RecipientKeys.Upgrade(row.RecipientKey, row.OrganizationId);
                var pending = row.PendingRecipientKey is null ? null : key;
                var id = row.Id;
                var old = row.RecipientKey;

                // Conditional on the old key: a row the running application rewrote meanwhile is left as it is.
                total += await set
                    .Where(r => r.Id == id && r.RecipientKey == old)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.RecipientKey, key).SetProperty(r => r.PendingRecipientKey, r => r.PendingRecipientKey == null ? null : pending), cancellationToken)
                    .ConfigureAwait(false);
            }

            if (rows.Count < batch)
            {
                return total;
            }

            after = rows[^1].Id;
        }
    }
}
