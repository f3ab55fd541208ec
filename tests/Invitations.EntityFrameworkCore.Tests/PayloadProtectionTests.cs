using Invitations.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Invitations.EntityFrameworkCore.Tests;

/// <summary>Queued message bodies are ciphertext under their own purpose; plaintext rows of earlier versions still send; a lost key ring fails the item, not the batch.</summary>
public sealed class PayloadProtectionTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static OutboxClaim Claim(InvitationId id) => new()
    {
        Owner = "owner-" + Guid.NewGuid().ToString("N"), LeaseDuration = Duration.FromMinutes(1), Now = EfTestData.T + Duration.FromDays(1), InvitationId = id,
    };

    [Fact]
    public async Task StoredPayloadIsCiphertextUnderThePurposeAndReadsBack()
    {
        var invitation = EfTestData.Invitation($"dp.{Guid.NewGuid():N}@example.com");
        var message = OutboxTestData.MessageItem(invitation, 1, EfTestData.T);
        Assert.Equal(StoreWriteStatus.Saved, await database.Store.CreateAsync(invitation, [message], default));

        await using (var context = await database.Contexts.CreateDbContextAsync())
        {
            var row = await context.Set<OutboxRow>().AsNoTracking().SingleAsync(r => r.Id == message.Id.Value);
            Assert.StartsWith(OutboxPayloadProtector.Marker, row.Payload, StringComparison.Ordinal);
            Assert.DoesNotContain(message.Message!.TextBody, row.Payload, StringComparison.Ordinal);
        }

        var claimed = Assert.Single(await database.Store.ClaimOutboxAsync(Claim(invitation.Id), default));
        Assert.Equal(message.Message!.TextBody, claimed.Message!.TextBody);
    }

    [Fact]
    public async Task PlaintextPayloadOfAnEarlierVersionIsStillSent()
    {
        var invitation = EfTestData.Invitation($"old.{Guid.NewGuid():N}@example.com");
        var message = OutboxTestData.MessageItem(invitation, 1, EfTestData.T);
        Assert.Equal(StoreWriteStatus.Saved, await database.Store.CreateAsync(invitation, [message], default));
        await using (var context = await database.Contexts.CreateDbContextAsync())
        {
            var plain = InvitationJson.SerializeMessage(message.Message!);
            await context.Set<OutboxRow>().Where(r => r.Id == message.Id.Value).ExecuteUpdateAsync(s => s.SetProperty(r => r.Payload, plain));
        }

        var claimed = Assert.Single(await database.Store.ClaimOutboxAsync(Claim(invitation.Id), default));
        Assert.Equal(message.Message!.TextBody, claimed.Message!.TextBody);
    }

    [Fact]
    public async Task MessageUnderAKeyThisHostDoesNotHoldFailsWithTheReasonAndLeavesTheOthers()
    {
        var invitation = EfTestData.Invitation($"lost.{Guid.NewGuid():N}@example.com");
        var message = OutboxTestData.MessageItem(invitation, 1, EfTestData.T);
        var fact = OutboxTestData.FactItem(invitation, 1, EfTestData.T);
        Assert.Equal(StoreWriteStatus.Saved, await database.Store.CreateAsync(invitation, [fact, message], default));

        // Another host whose key ring lacks the key (it was lost, or never shared).
        var stranger = new EntityFrameworkCoreInvitationStore<InvitationsDbContext>(database.Contexts, new EphemeralDataProtectionProvider());
        var claimed = await stranger.ClaimOutboxAsync(Claim(invitation.Id), default);

        Assert.Equal([fact.Id], claimed.Select(i => i.Id));
        var failed = await database.LoadOutboxItemAsync(message.Id);
        Assert.Equal(OutboxItemStatus.Failed, failed!.Status);
        Assert.Contains("cannot be decrypted", failed.LastError, StringComparison.Ordinal);
        Assert.Null(failed.Message);
    }
}
