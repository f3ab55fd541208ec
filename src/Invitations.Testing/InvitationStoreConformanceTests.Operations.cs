using NodaTime;
using Xunit;

namespace Invitations.Testing;

/// <summary>
/// Conformance of the operations methods: the expiry work list, retention of closed invitations, finding by
/// address and erasure. These tests use the 1980s, a window no other test uses, and look only at their own ids.
/// </summary>
public abstract partial class InvitationStoreConformanceTests
{
    private static readonly Instant Eighties = Instant.FromUtc(1985, 1, 1, 0, 0);

    /// <summary>Only stored-pending invitations whose expiry has passed are due, oldest expiry first.</summary>
    [SkippableFact]
    public async Task FindExpiredPendingListsOnlyDuePendingInvitations()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var early = NewInvitation(Eighties);
        var late = NewInvitation(Eighties + Duration.FromDays(1));
        var notDue = NewInvitation(Eighties + Duration.FromDays(30));
        var closed = NewInvitation(Eighties);
        foreach (var invitation in new[] { late, early, notDue, closed })
        {
            await store.CreateAsync(invitation, [], Ct);
        }

        var accepted = closed with { Version = 2, State = InvitationState.Accepted, ClosedAt = Eighties + Duration.FromHours(1), UpdatedAt = Eighties + Duration.FromHours(1) };
        await store.UpdateAsync(accepted, 1, [], Ct);

        var now = late.ExpiresAt; // exactly at the expiry of "late": due
        var due = (await store.FindExpiredPendingAsync(now, 10_000, Ct)).Select(d => d.Id).ToList();

        Assert.Contains(early.Id, due);
        Assert.Contains(late.Id, due);
        Assert.True(due.IndexOf(early.Id) < due.IndexOf(late.Id), "oldest expiry first");
        Assert.DoesNotContain(notDue.Id, due);
        Assert.DoesNotContain(closed.Id, due);
        Assert.True((await store.FindExpiredPendingAsync(now, 1, Ct)).Count <= 1);
    }

    /// <summary>Retention deletes terminal invitations closed before the cut-off with all their outbox items, never pending ones.</summary>
    [SkippableFact]
    public async Task PurgeInvitationsDeletesOldClosedInvitationsWithTheirOutbox()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var old = NewInvitation(Eighties);
        var young = NewInvitation(Eighties);
        var pending = NewInvitation(Eighties - Duration.FromDays(400));
        foreach (var invitation in new[] { old, young, pending })
        {
            await store.CreateAsync(invitation, [FactItem(invitation, 1), MessageItem(invitation, 1)], Ct);
        }

        var oldClosed = old with { Version = 2, State = InvitationState.Revoked, TokenHash = null, ClosedAt = Eighties + Duration.FromHours(1), UpdatedAt = Eighties + Duration.FromHours(1) };
        var youngClosed = young with { Version = 2, State = InvitationState.Rejected, TokenHash = null, ClosedAt = Eighties + Duration.FromHours(3), UpdatedAt = Eighties + Duration.FromHours(3) };
        await store.UpdateAsync(oldClosed, 1, [FactItem(oldClosed, 2, type: FactTypes.InviteRevoked)], Ct);
        await store.UpdateAsync(youngClosed, 1, [FactItem(youngClosed, 2, type: FactTypes.InviteRejected)], Ct);

        var cutOff = Eighties + Duration.FromHours(2);
        var purged = 0;
        int n;
        while ((n = await store.PurgeInvitationsAsync(cutOff, 1, Ct)) > 0)
        {
            Assert.Equal(1, n);
            purged += n;
        }

        Assert.True(purged >= 1);
        Assert.Null(await store.FindAsync(old.Id, Ct));
        Assert.Empty(await store.ListFactsAsync(old.Id, Ct));
        Assert.NotNull(await store.FindAsync(young.Id, Ct));
        Assert.Equal(2, (await store.ListFactsAsync(young.Id, Ct)).Count);
        Assert.NotNull(await store.FindAsync(pending.Id, Ct));
        Assert.Equal(0, await store.PurgeInvitationsAsync(cutOff, 0, Ct));
    }

    /// <summary>Finding by address matches the e-mail, the mobile number or the delivery address, case-insensitively.</summary>
    [SkippableFact]
    public async Task FindByAddressMatchesEmailMobileAndDeliveryAddress()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var byEmail = NewInvitation(Eighties, recipient: "erase.me");
        var personal = Unique("personal") + "@home.example";
        var byDelivery = NewInvitation(Eighties, recipient: "work") with { DeliveryAddress = personal, OrganizationId = Unique("org-b") };
        var phone = "+4915" + System.Security.Cryptography.RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bySms = NewInvitation(Eighties) with { Channel = MessageChannel.Sms, Email = null, MobileNumber = phone, DeliveryAddress = phone, RecipientKey = Unique("sms") + phone };
        var other = NewInvitation(Eighties, recipient: "keep");
        foreach (var invitation in new[] { byEmail, byDelivery, bySms, other })
        {
            await store.CreateAsync(invitation, [], Ct);
        }

        Assert.Equal(new[] { byEmail.Id }, (await store.FindByAddressAsync(byEmail.Email!.ToUpperInvariant(), Ct)).Select(d => d.Id));
        Assert.Equal(new[] { byDelivery.Id }, (await store.FindByAddressAsync(personal, Ct)).Select(d => d.Id));
        Assert.Equal(new[] { bySms.Id }, (await store.FindByAddressAsync(phone, Ct)).Select(d => d.Id));
        Assert.Empty(await store.FindByAddressAsync(Unique("nobody") + "@example.com", Ct));
    }

    /// <summary>Erasure deletes the invitation with all its facts and messages, frees its keys, and reports what it deleted.</summary>
    [SkippableFact]
    public async Task EraseDeletesTheInvitationWithAllItsOutboxItems()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation(Eighties, recipient: "gone") with { IdempotencyKey = Unique("erase-key") };
        var keep = NewInvitation(Eighties, recipient: "stays");
        await store.CreateAsync(invitation, [FactItem(invitation, 1), MessageItem(invitation, 1)], Ct);
        await store.CreateAsync(keep, [FactItem(keep, 1)], Ct);

        Assert.Equal(3, await store.EraseAsync(invitation.Id, Ct));

        Assert.Null(await store.FindAsync(invitation.Id, Ct));
        Assert.Null(await store.FindByTokenHashAsync(invitation.TokenHash!, Ct));
        Assert.Null(await store.FindPendingByRecipientAsync(invitation.RecipientKey, Ct));
        Assert.Null(await store.FindByIdempotencyKeyAsync(invitation.IdempotencyKey!, Ct));
        Assert.Empty(await store.ListFactsAsync(invitation.Id, Ct));
        Assert.Empty(await store.FindByAddressAsync(invitation.Email!, Ct));
        Assert.Equal(0, await store.EraseAsync(invitation.Id, Ct));
        Assert.NotNull(await store.FindAsync(keep.Id, Ct));
        Assert.Single(await store.ListFactsAsync(keep.Id, Ct));

        // The person may be invited again: the recipient and idempotency keys are free.
        var again = NewInvitation(Eighties + Duration.FromDays(1), recipient: "gone") with { IdempotencyKey = invitation.IdempotencyKey };
        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(again, [], Ct));
    }
}
