using System.Security.Cryptography;
using Xunit;

namespace Invitations.Testing;

/// <summary>Conformance tests: lookups.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>An invitation is found by its current token hash only.</summary>
    [SkippableFact]
    public async Task FindByTokenHashFindsTheCurrentTokenOnly()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [], Ct);

        Assert.Equal(invitation.Id, (await store.FindByTokenHashAsync((byte[])invitation.TokenHash!.Clone(), Ct))?.Id);
        Assert.Null(await store.FindByTokenHashAsync(RandomNumberGenerator.GetBytes(32), Ct));

        var rotated = invitation with { Version = 2, State = InvitationState.Reinitiated, TokenHash = RandomNumberGenerator.GetBytes(32), ResendCount = 1 };
        await store.UpdateAsync(rotated, 1, [], Ct);
        Assert.Null(await store.FindByTokenHashAsync(invitation.TokenHash!, Ct));
        Assert.Equal(invitation.Id, (await store.FindByTokenHashAsync(rotated.TokenHash!, Ct))?.Id);
    }

    /// <summary>FindPendingByRecipient returns only a pending invitation (stored state Initiated or Reinitiated).</summary>
    [SkippableFact]
    public async Task FindPendingByRecipientReturnsOnlyPending()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [], Ct);
        Assert.Equal(invitation.Id, (await store.FindPendingByRecipientAsync(invitation.RecipientKey, Ct))?.Id);

        var resent = invitation with { Version = 2, State = InvitationState.Reinitiated };
        await store.UpdateAsync(resent, 1, [], Ct);
        Assert.Equal(invitation.Id, (await store.FindPendingByRecipientAsync(invitation.RecipientKey, Ct))?.Id);

        var revoked = resent with { Version = 3, State = InvitationState.Revoked, TokenHash = null };
        await store.UpdateAsync(revoked, 2, [], Ct);
        Assert.Null(await store.FindPendingByRecipientAsync(invitation.RecipientKey, Ct));
        Assert.Null(await store.FindPendingByRecipientAsync(Unique("nobody"), Ct));
    }
}
