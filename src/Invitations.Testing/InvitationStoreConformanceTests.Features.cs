using System.Security.Cryptography;
using NodaTime;
using Xunit;

namespace Invitations.Testing;

/// <summary>
/// Conformance tests of issue 16's store members: one address pending in several organizations, the reminder work list,
/// the built-in shortener's short links, and the reminder count and existing-account flag round-tripping.
/// </summary>
public abstract partial class InvitationStoreConformanceTests
{
    private static readonly int[] ExpiryHours = [1, 2, 2, 3, 4, 9];

    /// <summary>The same address may hold a pending invitation in two organizations at once, each found by its own key.</summary>
    [SkippableFact]
    public async Task OneAddressMayBePendingInSeveralOrganizations()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var first = NewInvitation(recipient: "multi");
        var second = NewInvitation(recipient: "multi") with { OrganizationId = Unique("org-b"), RecipientKey = first.RecipientKey + "|" + Unique("org-b") };
        Assert.Equal(first.Email, second.Email);

        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(first, [FactItem(first, 1)], Ct));
        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(second, [FactItem(second, 1)], Ct));

        Assert.Equal(first.Id, (await store.FindPendingByRecipientAsync(first.RecipientKey, Ct))?.Id);
        Assert.Equal(second.Id, (await store.FindPendingByRecipientAsync(second.RecipientKey, Ct))?.Id);
        var both = await store.FindByAddressAsync(first.Email!, Ct);
        Assert.Equal(new[] { first.Id, second.Id }.OrderBy(i => i.Value), both.Select(d => d.Id).OrderBy(i => i.Value));
    }

    /// <summary>The reminder count and the existing-account flag are stored and read back.</summary>
    [SkippableFact]
    public async Task ReminderCountAndExistingAccountRoundTrip()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation() with { HasExistingAccount = true };
        await store.CreateAsync(invitation, [], Ct);
        var reminded = invitation with { Version = 2, ReminderCount = 2, TokenHash = RandomNumberGenerator.GetBytes(32) };
        Assert.Equal(StoreWriteStatus.Saved, await store.UpdateAsync(reminded, 1, [], Ct));

        AssertSameInvitation(reminded, await store.FindAsync(invitation.Id, Ct));
    }

    /// <summary>The reminder work list holds pending invitations expiring in the window, in (expiry, id) order, paged without loss or repeat.</summary>
    [SkippableFact]
    public async Task ExpiringPendingListsTheWindowInOrderAndPages()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        // A window in 1975 that no other test uses; two invitations share one expiry to exercise the id tie-break.
        var now = Instant.FromUtc(1975, 6, 1, 0, 0);
        var expiries = ExpiryHours.Select(h => now + Duration.FromHours(h)).ToArray();
        var invitations = expiries.Select(e => NewInvitation(now - Duration.FromDays(1)) with { ExpiresAt = e }).ToList();
        foreach (var invitation in invitations)
        {
            await store.CreateAsync(invitation, [], Ct);
        }

        var accepted = invitations[3] with { Version = 2, State = InvitationState.Accepted, ClosedAt = now, UpdatedAt = now };
        await store.UpdateAsync(accepted, 1, [], Ct);
        var expected = invitations.Where(i => i.Id != accepted.Id && i.ExpiresAt <= now + Duration.FromHours(4)).ToList();

        var query = new ExpiringPendingQuery { From = now, To = now + Duration.FromHours(4), Limit = 2 };
        var seen = new List<InvitationData>();
        while (true)
        {
            var page = await store.FindExpiringPendingAsync(query, Ct);
            seen.AddRange(page);
            if (page.Count < query.Limit)
            {
                break;
            }

            query = query with { From = page[^1].ExpiresAt, AfterId = page[^1].Id };
        }

        Assert.Equal(expected.Select(i => i.Id).OrderBy(i => i.Value), seen.Select(i => i.Id).OrderBy(i => i.Value));
        Assert.Equal(seen.Count, seen.Select(i => i.Id).Distinct().Count());
        Assert.Equal(seen.Select(i => i.ExpiresAt), seen.Select(i => i.ExpiresAt).OrderBy(e => e));
        Assert.Empty(await store.FindExpiringPendingAsync(new ExpiringPendingQuery { From = now + Duration.FromHours(4), To = now + Duration.FromHours(8), Limit = 10 }, Ct));
    }

    /// <summary>A short link is found by its code digest; a second record with the same digest is refused; unknown digests find nothing.</summary>
    [SkippableFact]
    public async Task ShortLinksAreFoundByDigestAndUnique()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var link = ShortLink(invitation, T0 + Duration.FromDays(7));

        Assert.True(await store.SaveShortLinkAsync(link, Ct));
        Assert.False(await store.SaveShortLinkAsync(link with { SealedToken = [9, 9, 9] }, Ct));

        var found = await store.FindShortLinkAsync(link.CodeHash.ToArray(), Ct);
        Assert.NotNull(found);
        Assert.Equal(link.CodeHash, found.CodeHash);
        Assert.Equal(link.SealedToken, found.SealedToken);
        Assert.Equal(link.InvitationId, found.InvitationId);
        Assert.Equal((link.CreatedAt, link.ExpiresAt), (found.CreatedAt, found.ExpiresAt));
        Assert.Null(await store.FindShortLinkAsync(RandomNumberGenerator.GetBytes(32), Ct));
    }

    /// <summary>Expired short links are purged in batches; erasing an invitation removes its short links.</summary>
    [SkippableFact]
    public async Task ShortLinksArePurgedWhenExpiredAndErasedWithTheirInvitation()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        // Expiries in 1976, which no other test uses, so the purge touches only this test's links.
        var cutOff = Instant.FromUtc(1976, 1, 1, 0, 0);
        var invitation = NewInvitation();
        var old = Enumerable.Range(0, 3).Select(i => ShortLink(invitation, cutOff - Duration.FromHours(i + 1))).ToList();
        var live = ShortLink(invitation, cutOff);
        foreach (var link in old.Append(live))
        {
            Assert.True(await store.SaveShortLinkAsync(link, Ct));
        }

        Assert.Equal(2, await store.PurgeShortLinksAsync(cutOff, 2, Ct));
        Assert.Equal(1, await store.PurgeShortLinksAsync(cutOff, 2, Ct));
        foreach (var link in old)
        {
            Assert.Null(await store.FindShortLinkAsync(link.CodeHash, Ct));
        }

        Assert.NotNull(await store.FindShortLinkAsync(live.CodeHash, Ct));

        await store.CreateAsync(invitation, [FactItem(invitation, 1)], Ct);
        Assert.Equal(2, await store.EraseAsync(invitation.Id, Ct));
        Assert.Null(await store.FindShortLinkAsync(live.CodeHash, Ct));
    }

    private static ShortLinkRecord ShortLink(InvitationData invitation, Instant expiresAt) => new()
    {
        CodeHash = RandomNumberGenerator.GetBytes(32),
        InvitationId = invitation.Id,
        SealedToken = RandomNumberGenerator.GetBytes(71),
        CreatedAt = T0,
        ExpiresAt = expiresAt,
    };
}
