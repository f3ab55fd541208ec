using Invitations.Core.Tests.Support;

namespace Invitations.Core.Tests.Facts;

/// <summary><c>AcceptRequest.AccountCreated</c>: cidaas's ACCOUNT_CREATED fact saved in the acceptance's own store write.</summary>
public sealed class AccountCreatedFactTests
{
    [Fact]
    public async Task An_acceptance_with_an_account_saves_both_facts_in_one_write_in_order()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync();
        var before = (await host.Store.FindAsync(invited.Invitation.Id, CancellationToken.None))!;

        var accepted = await host.Redemption.AcceptAsync(TestHost.TokenOf(invited.Link!), new AcceptRequest("user-1")
        {
            AccountCreated = new AccountCreation { Provider = "self", RequestId = "req-1", Request = new Dictionary<string, string> { ["username"] = "jane" } },
        });

        accepted.IsSuccess.Should().BeTrue();
        var after = (await host.Store.FindAsync(invited.Invitation.Id, CancellationToken.None))!;
        after.Version.Should().Be(before.Version + 1, "one write");
        var facts = await host.Store.ListFactsAsync(invited.Invitation.Id, CancellationToken.None);
        var acceptedFact = facts.Single(f => f.Type == FactTypes.InviteAccepted);
        var created = facts.Single(f => f.Type == FactTypes.AccountCreated);
        created.Sequence.Should().Be(acceptedFact.Sequence + 1);
        after.FactSequence.Should().Be(created.Sequence);
        created.ObjectType.Should().Be(FactTypes.AccountObjectType);
        created.Attributes.Should().BeEquivalentTo(new Dictionary<string, string> { ["_id"] = invited.Invitation.Id.ToString(), ["provider"] = "self", ["requestId"] = "req-1", ["sub"] = "user-1" });
        created.Request.Should().BeEquivalentTo(new Dictionary<string, string> { ["username"] = "jane" });
        host.Sink.Facts.Select(f => f.Type).Should().ContainInOrder(FactTypes.InviteAccepted, FactTypes.AccountCreated);
    }

    [Fact]
    public async Task A_refused_acceptance_saves_no_account_fact()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync();
        var token = TestHost.TokenOf(invited.Link!);
        (await host.Redemption.AcceptAsync(token, new AcceptRequest("user-1"))).IsSuccess.Should().BeTrue();

        var again = await host.Redemption.AcceptAsync(token, new AcceptRequest("user-2") { AccountCreated = new AccountCreation { Provider = "self" } });

        again.Error!.Code.Should().Be(InvitationErrorCodes.InvitationAlreadyAccepted);
        (await host.Store.ListFactsAsync(invited.Invitation.Id, CancellationToken.None)).Should().NotContain(f => f.Type == FactTypes.AccountCreated);
    }

    [Fact]
    public async Task Without_an_account_the_acceptance_saves_only_INVITE_ACCEPTED()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync();

        (await host.Redemption.AcceptAsync(TestHost.TokenOf(invited.Link!), new AcceptRequest("user-1"))).IsSuccess.Should().BeTrue();

        (await host.Store.ListFactsAsync(invited.Invitation.Id, CancellationToken.None)).Select(f => f.Type).Should().Equal(FactTypes.InviteUser, FactTypes.InviteAccepted);
    }
}
