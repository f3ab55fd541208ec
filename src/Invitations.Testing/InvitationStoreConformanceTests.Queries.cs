using NodaTime;
using Xunit;

namespace Invitations.Testing;

/// <summary>Conformance tests: queries.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>The state filter matches the effective state, including derived expiry.</summary>
    [SkippableFact]
    public async Task QueryByEffectiveState()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var asOf = T0 + Duration.FromDays(3);
        var live = NewInvitation(T0);
        var lapsed = NewInvitation(T0 + Duration.FromMinutes(1)) with { ExpiresAt = asOf };
        var resentLive = NewInvitation(T0 + Duration.FromMinutes(2)) with { State = InvitationState.Reinitiated };
        var resentLapsed = NewInvitation(T0 + Duration.FromMinutes(3)) with { State = InvitationState.Reinitiated, ExpiresAt = asOf - Duration.FromSeconds(1) };
        var expired = NewInvitation(T0 + Duration.FromMinutes(4)) with { State = InvitationState.Expired, TokenHash = null };
        var accepted = NewInvitation(T0 + Duration.FromMinutes(5)) with { State = InvitationState.Accepted, TokenHash = null, ExpiresAt = T0 };
        var revoked = NewInvitation(T0 + Duration.FromMinutes(6)) with { State = InvitationState.Revoked, TokenHash = null };
        var rejected = NewInvitation(T0 + Duration.FromMinutes(7)) with { State = InvitationState.Rejected, TokenHash = null };
        foreach (var i in new[] { live, lapsed, resentLive, resentLapsed, expired, accepted, revoked, rejected })
        {
            Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(i, [], Ct));
        }

        async Task<List<InvitationId>> Ids(InvitationState state) =>
            (await store.QueryAsync(new InvitationQuery { State = state, OrganizationId = $"org-{_run}", AsOf = asOf }, Ct)).Items.Select(i => i.Id).ToList();

        Assert.Equal([live.Id], await Ids(InvitationState.Initiated));
        Assert.Equal([resentLive.Id], await Ids(InvitationState.Reinitiated));
        Assert.Equal([lapsed.Id, resentLapsed.Id, expired.Id], await Ids(InvitationState.Expired));
        Assert.Equal([accepted.Id], await Ids(InvitationState.Accepted));
        Assert.Equal([revoked.Id], await Ids(InvitationState.Revoked));
        Assert.Equal([rejected.Id], await Ids(InvitationState.Rejected));
        var all = await store.QueryAsync(new InvitationQuery { OrganizationId = $"org-{_run}", AsOf = asOf }, Ct);
        Assert.Equal(8, all.Items.Count);
        Assert.Null(all.Next);
    }

    /// <summary>The e-mail, inviter, organization and created-range filters, alone and combined.</summary>
    [SkippableFact]
    public async Task QueryByEmailInviterOrganizationAndCreatedRange()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var a = NewInvitation(T0);
        var b = NewInvitation(T0 + Duration.FromHours(1)) with { InvitedById = Unique("other-inviter") };
        var c = NewInvitation(T0 + Duration.FromHours(2)) with { OrganizationId = Unique("other-org") };
        var d = NewInvitation(T0 + Duration.FromHours(3)) with { Email = a.Email, RecipientKey = a.RecipientKey + "|2" };
        foreach (var i in new[] { a, b, c, d })
        {
            Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(i, [], Ct));
        }

        async Task<List<InvitationId>> Ids(InvitationQuery q) => (await store.QueryAsync(q, Ct)).Items.Select(i => i.Id).ToList();
        var asOf = T0;
        var org = $"org-{_run}";

        Assert.Equal([a.Id, d.Id], await Ids(new InvitationQuery { Email = a.Email, AsOf = asOf }));
        Assert.Equal([b.Id], await Ids(new InvitationQuery { InvitedById = Unique("other-inviter"), AsOf = asOf }));
        Assert.Equal([a.Id, c.Id, d.Id], await Ids(new InvitationQuery { InvitedById = $"inviter-{_run}", AsOf = asOf }));
        Assert.Equal([c.Id], await Ids(new InvitationQuery { OrganizationId = Unique("other-org"), AsOf = asOf }));
        Assert.Equal([a.Id, b.Id, d.Id], await Ids(new InvitationQuery { OrganizationId = org, AsOf = asOf }));
        Assert.Equal([b.Id], await Ids(new InvitationQuery { OrganizationId = org, CreatedFrom = T0 + Duration.FromHours(1), CreatedBefore = T0 + Duration.FromHours(3), AsOf = asOf }));
        Assert.Equal([a.Id], await Ids(new InvitationQuery { OrganizationId = org, CreatedBefore = T0 + Duration.FromHours(1), AsOf = asOf }));
        Assert.Equal([d.Id], await Ids(new InvitationQuery { Email = a.Email, InvitedById = $"inviter-{_run}", CreatedFrom = T0 + Duration.FromSeconds(1), AsOf = asOf }));
        Assert.Empty(await Ids(new InvitationQuery { Email = a.Email, InvitedById = Unique("other-inviter"), AsOf = asOf }));
    }

    /// <summary>Keyset pagination returns every item once, in (CreatedAt, Id) order, while invitations are added during paging.</summary>
    [SkippableFact]
    public async Task KeysetPaginationLosesAndRepeatsNothingWhileItemsAreAdded()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var org = $"org-{_run}";
        var original = new List<InvitationData>();
        for (var n = 0; n < 30; n++)
        {
            // Pairs share a CreatedAt, so ties are ordered by id.
            var invitation = NewInvitation(T0 + Duration.FromMinutes(n / 2));
            original.Add(invitation);
            Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(invitation, [], Ct));
        }

        var seen = new List<InvitationData>();
        var added = new List<InvitationData>();
        InvitationCursor? after = null;
        var pages = 0;
        do
        {
            var page = await store.QueryAsync(new InvitationQuery { OrganizationId = org, After = after, Limit = 7, AsOf = T0 }, Ct);
            Assert.True(page.Items.Count <= 7);
            seen.AddRange(page.Items);
            after = page.Next;
            if (after is { } cursor)
            {
                Assert.Equal(page.Items[^1].CreatedAt, cursor.CreatedAt);
                Assert.Equal(page.Items[^1].Id, cursor.Id);
            }

            if (after is not null)
            {
                // Add one before the cursor (never seen) and one at the far end (seen later).
                var early = NewInvitation(T0 - Duration.FromMinutes(1 + pages));
                var late = NewInvitation(T0 + Duration.FromHours(10 + pages));
                added.Add(late);
                Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(early, [], Ct));
                Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(late, [], Ct));
            }

            pages++;
            Assert.True(pages < 50, "pagination does not end");
        }
        while (after is not null);

        Assert.Equal(seen.Count, seen.Select(i => i.Id).Distinct().Count());
        Assert.All(original.Concat(added), i => Assert.Contains(seen, s => s.Id == i.Id));
        for (var n = 1; n < seen.Count; n++)
        {
            Assert.True(seen[n - 1].CreatedAt <= seen[n].CreatedAt, "items are not in CreatedAt order");
        }
    }

    /// <summary>A page of exactly Limit items that ends the result has no Next, or a Next that yields an empty page.</summary>
    [SkippableFact]
    public async Task LastPageEndsPagination()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        for (var n = 0; n < 4; n++)
        {
            await store.CreateAsync(NewInvitation(T0 + Duration.FromSeconds(n)), [], Ct);
        }

        var first = await store.QueryAsync(new InvitationQuery { OrganizationId = $"org-{_run}", Limit = 4, AsOf = T0 }, Ct);
        Assert.Equal(4, first.Items.Count);
        if (first.Next is { } next)
        {
            var second = await store.QueryAsync(new InvitationQuery { OrganizationId = $"org-{_run}", Limit = 4, After = next, AsOf = T0 }, Ct);
            Assert.Empty(second.Items);
            Assert.Null(second.Next);
        }
    }

    /// <summary>CountCreatedBy counts an inviter's invitations created at or after the given instant.</summary>
    [SkippableFact]
    public async Task CountCreatedByCountsTheWindow()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        for (var n = 0; n < 5; n++)
        {
            await store.CreateAsync(NewInvitation(T0 + Duration.FromHours(n)), [], Ct);
        }

        await store.CreateAsync(NewInvitation(T0 + Duration.FromHours(4)) with { InvitedById = Unique("someone-else") }, [], Ct);

        Assert.Equal(5, await store.CountCreatedByAsync($"inviter-{_run}", T0, Ct));
        Assert.Equal(3, await store.CountCreatedByAsync($"inviter-{_run}", T0 + Duration.FromHours(2), Ct));
        Assert.Equal(0, await store.CountCreatedByAsync($"inviter-{_run}", T0 + Duration.FromHours(5), Ct));
        Assert.Equal(0, await store.CountCreatedByAsync(Unique("nobody"), T0, Ct));
    }

    /// <summary>Facts are listed in sequence order with their content intact, delivered or not.</summary>
    [SkippableFact]
    public async Task ListFactsReturnsFactsInSequenceOrder()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var first = FactItem(invitation, 1);
        await store.CreateAsync(invitation, [first, MessageItem(invitation, 1)], Ct);
        var v2 = invitation with { Version = 2, State = InvitationState.Reinitiated, FactSequence = 3 };
        await store.UpdateAsync(v2, 1, [FactItem(v2, 3), FactItem(v2, 2), MessageItem(v2, 2)], Ct);

        var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);
        var fact1 = Assert.Single(claimed, i => i.Kind == OutboxItemKind.Fact);
        Assert.True(await store.CompleteOutboxAsync(fact1.Id, Unique("owner-a"), T0, Ct));

        var facts = await store.ListFactsAsync(invitation.Id, Ct);
        Assert.Equal([1L, 2L, 3L], facts.Select(f => f.Sequence));
        Assert.Equal(first.Fact!.Id, facts[0].Id);
        Assert.Equal(first.Fact.OccurredAt, facts[0].OccurredAt);
        Assert.Equal(first.Fact.Attributes, facts[0].Attributes);
        Assert.Equal(first.Fact.NewValue!.Groups, facts[0].NewValue!.Groups);
        Assert.Empty(await store.ListFactsAsync(new InvitationId(Guid.NewGuid()), Ct));
    }
}
