using NodaTime;

namespace Invitations.EntityFrameworkCore.Tests.Service;

// Issue 16 "Audit": every fact records its actor, on every store, and erasure keeps or removes actors as its rules say.
public abstract partial class StoreServiceTests
{
    private static readonly InvitationActor OtherAdmin = InvitationActor.Admin("admin-2", "Bo Admin");

    [SkippableFact]
    public async Task EveryFactOfTheLifecycleRecordsItsActorAndTheAdminListShowsWhoAndWhen()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        var rejected = await host.Manager.InviteAsync(ServiceHost.Request(Unique("audit.rej") + "@example.com"));
        host.Clock.Advance(Duration.FromMinutes(1));
        var resent = await host.Manager.ResendAsync(rejected.Value.Invitation.Id, OtherAdmin);
        Assert.True(resent.IsSuccess, resent.ToString());
        Assert.True((await host.Redemption.RejectAsync(ServiceHost.TokenOf(resent.Value.Link!))).IsSuccess);

        var accepted = await host.Manager.InviteAsync(ServiceHost.Request(Unique("audit.acc") + "@example.com"));
        Assert.True((await host.Redemption.AcceptAsync(ServiceHost.TokenOf(accepted.Value.Link!), new AcceptRequest("sub-audit"))).IsSuccess);

        var revoked = await host.Manager.InviteAsync(ServiceHost.Request(Unique("audit.rev") + "@example.com"));
        Assert.True((await host.Manager.RevokeAsync(revoked.Value.Invitation.Id, OtherAdmin)).IsSuccess);

        var expired = await host.Manager.InviteAsync(ServiceHost.Request(Unique("audit.exp") + "@example.com") with { Lifetime = Duration.FromHours(1) });
        host.Clock.Advance(Duration.FromHours(2));
        Assert.True(await new ExpirySweep(host.Services).RunAsync() >= 1);

        Assert.Equal(
            [("INVITE_USER", "admin-1"), ("INVITE_USER", "admin-2"), ("INVITE_REJECTED", FactActors.TokenHolder)],
            await ActorsAsync(host, rejected.Value.Invitation.Id));
        Assert.Equal([("INVITE_USER", "admin-1"), ("INVITE_ACCEPTED", "sub-audit")], await ActorsAsync(host, accepted.Value.Invitation.Id));
        Assert.Equal([("INVITE_USER", "admin-1"), ("INVITE_REVOKED", "admin-2")], await ActorsAsync(host, revoked.Value.Invitation.Id));
        Assert.Equal([("INVITE_USER", "admin-1"), ("INVITE_EXPIRED", FactActors.System)], await ActorsAsync(host, expired.Value.Invitation.Id));

        // The attribute names the store round-trips (not only what FactActors derives) and the time of each fact.
        var facts = (await host.Manager.ListFactsAsync(rejected.Value.Invitation.Id, ServiceHost.Admin)).Value;
        Assert.Equal("admin-1", facts[0].Attributes["invited_by"]);
        Assert.Equal("admin-2", facts[1].Attributes["resent_by"]);
        Assert.Equal("true", facts[1].Attributes["resent"]);
        Assert.Equal(ServiceHost.Start, facts[0].OccurredAt);
        Assert.Equal(ServiceHost.Start + Duration.FromMinutes(1), facts[1].OccurredAt);
        Assert.Equal("admin-2", (await host.Manager.ListFactsAsync(revoked.Value.Invitation.Id, ServiceHost.Admin)).Value[1].Attributes["revoked_by"]);
    }

    /// <summary>
    /// Erasure deletes the erased person's invitations with every fact (the subject's own actor ids and the admins'
    /// on it alike); on other people's invitations an admin's id is kept, even when that admin is the erased person:
    /// it records an act of the controller's staff, not data about the invitee.
    /// </summary>
    [SkippableFact]
    public async Task ErasureRemovesTheErasedInvitationsActorsAndKeepsActorsOnOtherInvitations()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost();
        var janeAddress = Unique("audit.jane") + "@example.com";
        var jane = await host.Manager.InviteAsync(ServiceHost.Request(janeAddress));
        Assert.True((await host.Redemption.AcceptAsync(ServiceHost.TokenOf(jane.Value.Link!), new AcceptRequest("sub-jane"))).IsSuccess);

        // Jane became an administrator and revoked Bob's invitation; Carol accepted hers.
        var janeAsAdmin = InvitationActor.Admin("sub-jane");
        var bob = await host.Manager.InviteAsync(ServiceHost.Request(Unique("audit.bob") + "@example.com"));
        Assert.True((await host.Manager.RevokeAsync(bob.Value.Invitation.Id, janeAsAdmin)).IsSuccess);
        var carol = await host.Manager.InviteAsync(ServiceHost.Request(Unique("audit.carol") + "@example.com") with { Inviter = janeAsAdmin });
        Assert.True((await host.Redemption.AcceptAsync(ServiceHost.TokenOf(carol.Value.Link!), new AcceptRequest("sub-carol"))).IsSuccess);

        var erased = await host.Erasure.EraseAsync(janeAddress);

        Assert.Equal(1, erased.Value.Invitations);
        Assert.Empty(await host.Store.ListFactsAsync(jane.Value.Invitation.Id, CancellationToken.None)); // her own subject-actor fact and admin-1's
        Assert.Equal([("INVITE_USER", "admin-1"), ("INVITE_REVOKED", "sub-jane")], await ActorsAsync(host, bob.Value.Invitation.Id));
        Assert.Equal([("INVITE_USER", "sub-jane"), ("INVITE_ACCEPTED", "sub-carol")], await ActorsAsync(host, carol.Value.Invitation.Id));
    }

    private static async Task<(string Type, string? Actor)[]> ActorsAsync(ServiceHost host, InvitationId id)
    {
        var listed = await host.Manager.ListFactsAsync(id, ServiceHost.Admin);
        Assert.True(listed.IsSuccess, listed.ToString());
        return listed.Value.Select(f => (f.Type, FactActors.Of(f))).ToArray();
    }
}
