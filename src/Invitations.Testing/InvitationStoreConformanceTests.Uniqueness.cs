using System.Security.Cryptography;
using NodaTime;
using Xunit;

namespace Invitations.Testing;

/// <summary>Conformance tests: uniqueness.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>A second pending invitation with the same recipient key is refused and nothing of it is written.</summary>
    [SkippableFact]
    public async Task SecondPendingWithSameRecipientKeyIsRefused()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var first = NewInvitation(recipient: "dup");
        var second = NewInvitation(recipient: "dup");
        Assert.Equal(first.RecipientKey, second.RecipientKey);
        await store.CreateAsync(first, [FactItem(first, 1)], Ct);

        Assert.Equal(StoreWriteStatus.DuplicatePending, await store.CreateAsync(second, [FactItem(second, 1)], Ct));

        Assert.Null(await store.FindAsync(second.Id, Ct));
        Assert.Empty(await store.ListFactsAsync(second.Id, Ct));
        Assert.Equal(first.Id, (await store.FindPendingByRecipientAsync(first.RecipientKey, Ct))?.Id);
    }

    /// <summary>A new pending invitation is allowed once the previous one reached a terminal state.</summary>
    /// <param name="terminal">The terminal state.</param>
    [SkippableTheory]
    [InlineData(InvitationState.Accepted)]
    [InlineData(InvitationState.Revoked)]
    [InlineData(InvitationState.Rejected)]
    [InlineData(InvitationState.Expired)]
    public async Task NewPendingIsAllowedOnceThePreviousIsTerminal(InvitationState terminal)
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var first = NewInvitation(recipient: "again");
        await store.CreateAsync(first, [], Ct);
        var closed = first with { Version = 2, State = terminal, TokenHash = null, ClosedAt = T0 + Duration.FromHours(1), UpdatedAt = T0 + Duration.FromHours(1) };
        Assert.Equal(StoreWriteStatus.Saved, await store.UpdateAsync(closed, 1, [], Ct));
        Assert.Null(await store.FindPendingByRecipientAsync(first.RecipientKey, Ct));

        var second = NewInvitation(T0 + Duration.FromHours(2), recipient: "again");
        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(second, [], Ct));

        Assert.Equal(second.Id, (await store.FindPendingByRecipientAsync(first.RecipientKey, Ct))?.Id);
        var third = NewInvitation(T0 + Duration.FromHours(3), recipient: "again");
        Assert.Equal(StoreWriteStatus.DuplicatePending, await store.CreateAsync(third, [], Ct));
    }

    /// <summary>Renewing (resending) an expired invitation back to pending is refused while another pending one holds the key.</summary>
    [SkippableFact]
    public async Task UpdateBackToPendingIsRefusedWhileAnotherIsPending()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var old = NewInvitation(recipient: "renew");
        await store.CreateAsync(old, [], Ct);
        var expired = old with { Version = 2, State = InvitationState.Expired, TokenHash = null, UpdatedAt = T0 + Duration.FromDays(8) };
        await store.UpdateAsync(expired, 1, [], Ct);
        var fresh = NewInvitation(T0 + Duration.FromDays(9), recipient: "renew");
        await store.CreateAsync(fresh, [], Ct);

        var renewed = expired with { Version = 3, State = InvitationState.Reinitiated, TokenHash = RandomNumberGenerator.GetBytes(32), ExpiresAt = T0 + Duration.FromDays(20), FactSequence = 2 };
        Assert.Equal(StoreWriteStatus.DuplicatePending, await store.UpdateAsync(renewed, 2, [FactItem(renewed, 2)], Ct));

        AssertSameInvitation(expired, await store.FindAsync(old.Id, Ct));
        Assert.Empty(await store.ListFactsAsync(old.Id, Ct));
    }

    /// <summary>A second invitation with the same idempotency key is refused.</summary>
    [SkippableFact]
    public async Task DuplicateIdempotencyKeyIsRefused()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var key = Unique("idem-dup");
        var first = NewInvitation() with { IdempotencyKey = key, IdempotencyFingerprint = "a" };
        var second = NewInvitation() with { IdempotencyKey = key, IdempotencyFingerprint = "b" };
        await store.CreateAsync(first, [], Ct);

        Assert.Equal(StoreWriteStatus.DuplicateIdempotencyKey, await store.CreateAsync(second, [FactItem(second, 1)], Ct));

        Assert.Null(await store.FindAsync(second.Id, Ct));
        Assert.Equal(first.Id, (await store.FindByIdempotencyKeyAsync(key, Ct))?.Id);
        Assert.Null(await store.FindByIdempotencyKeyAsync(Unique("idem-other"), Ct));
    }

    /// <summary>A second invitation with the same id is refused and the first is unchanged.</summary>
    [SkippableFact]
    public async Task DuplicateIdIsRefused()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var first = NewInvitation();
        var second = NewInvitation() with { Id = first.Id };
        await store.CreateAsync(first, [FactItem(first, 1)], Ct);

        Assert.Equal(StoreWriteStatus.DuplicateId, await store.CreateAsync(second, [FactItem(second, 2)], Ct));

        AssertSameInvitation(first, await store.FindAsync(first.Id, Ct));
        Assert.Equal([1L], (await store.ListFactsAsync(first.Id, Ct)).Select(f => f.Sequence));
    }

    /// <summary>Many concurrent creates for one recipient: exactly one is saved.</summary>
    [SkippableFact]
    public async Task ConcurrentCreatesForOneRecipientSaveExactlyOne()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitations = Enumerable.Range(0, 16).Select(_ => NewInvitation(recipient: "race")).ToList();

        var results = await Task.WhenAll(invitations.Select(i => Task.Run(async () => await store.CreateAsync(i, [FactItem(i, 1)], Ct))));

        Assert.Equal(1, results.Count(r => r == StoreWriteStatus.Saved));
        Assert.All(results.Where(r => r != StoreWriteStatus.Saved), r => Assert.Equal(StoreWriteStatus.DuplicatePending, r));
    }
}
