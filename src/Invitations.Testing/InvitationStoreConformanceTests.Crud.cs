using NodaTime;
using Xunit;

namespace Invitations.Testing;

/// <summary>Conformance tests: create, find, update.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>A created invitation is found by id with every field intact.</summary>
    [SkippableFact]
    public async Task CreateThenFindReturnsTheSameData()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation() with { MobileNumber = "+4915112345678", IdempotencyKey = Unique("idem"), IdempotencyFingerprint = "fp" };

        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(invitation, [FactItem(invitation, 1)], Ct));

        AssertSameInvitation(invitation, await store.FindAsync(invitation.Id, Ct));
        Assert.Null(await store.FindAsync(new InvitationId(Guid.NewGuid()), Ct));
    }

    /// <summary>Optional fields that are null or empty stay so.</summary>
    [SkippableFact]
    public async Task CreateWithMinimalFieldsRoundTrips()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var full = NewInvitation();
        var invitation = full with
        {
            Channel = MessageChannel.Sms,
            Email = null,
            MobileNumber = "+41791234567",
            DeliveryAddress = "+41791234567",
            GivenName = null,
            FamilyName = null,
            Groups = [],
            Roles = [],
            CustomFields = new Dictionary<string, string>(),
            OrganizationId = null,
            InvitedByName = null,
            ClientId = null,
            RedirectLink = null,
            Locale = null,
            TimeZone = null,
            AllowSameEmailOnly = false,
            Branding = null,
            LastSentAt = null,
            SendCount = 0,
            FactSequence = 0,
        };

        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(invitation, [], Ct));

        AssertSameInvitation(invitation, await store.FindAsync(invitation.Id, Ct));
    }

    /// <summary>An update with the expected version replaces the data and adds its outbox items.</summary>
    [SkippableFact]
    public async Task UpdateWithExpectedVersionSaves()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [FactItem(invitation, 1)], Ct);
        var t1 = T0 + Duration.FromHours(1);
        var accepted = invitation with
        {
            Version = 2,
            State = InvitationState.Accepted,
            TokenHash = null,
            UpdatedAt = t1,
            ClosedAt = t1,
            AcceptedSubjectId = "sub-1",
            FactSequence = 2,
            Groups = ["staff"],
        };

        Assert.Equal(StoreWriteStatus.Saved, await store.UpdateAsync(accepted, 1, [FactItem(accepted, 2, type: FactTypes.InviteAccepted)], Ct));

        AssertSameInvitation(accepted, await store.FindAsync(invitation.Id, Ct));
        var facts = await store.ListFactsAsync(invitation.Id, Ct);
        Assert.Equal([1L, 2L], facts.Select(f => f.Sequence));
        Assert.Equal(FactTypes.InviteAccepted, facts[1].Type);
    }

    /// <summary>A stale update returns ConcurrencyConflict and writes neither the data nor its outbox items.</summary>
    [SkippableFact]
    public async Task StaleUpdateConflictsAndWritesNothing()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [FactItem(invitation, 1)], Ct);
        var v2 = invitation with { Version = 2, ResendCount = 1, State = InvitationState.Reinitiated, FactSequence = 2, UpdatedAt = T0 + Duration.FromMinutes(1) };
        Assert.Equal(StoreWriteStatus.Saved, await store.UpdateAsync(v2, 1, [FactItem(v2, 2)], Ct));

        var stale = invitation with { Version = 2, State = InvitationState.Revoked, FactSequence = 3, UpdatedAt = T0 + Duration.FromMinutes(2) };
        Assert.Equal(StoreWriteStatus.ConcurrencyConflict, await store.UpdateAsync(stale, 1, [FactItem(stale, 3), MessageItem(stale, 1)], Ct));

        AssertSameInvitation(v2, await store.FindAsync(invitation.Id, Ct));
        Assert.Equal([1L, 2L], (await store.ListFactsAsync(invitation.Id, Ct)).Select(f => f.Sequence));
        var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromDays(1)), Ct);
        Assert.DoesNotContain(claimed, i => i.Kind == OutboxItemKind.Message);
    }

    /// <summary>Updating an invitation that does not exist is a ConcurrencyConflict.</summary>
    [SkippableFact]
    public async Task UpdateOfMissingInvitationConflicts()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation() with { Version = 2 };

        Assert.Equal(StoreWriteStatus.ConcurrencyConflict, await store.UpdateAsync(invitation, 1, [FactItem(invitation, 1)], Ct));

        Assert.Null(await store.FindAsync(invitation.Id, Ct));
        Assert.Empty(await store.ListFactsAsync(invitation.Id, Ct));
    }
}
