using Invitations.Core.Tests.Support;

namespace Invitations.Core.Tests.Inviting;

public sealed class SmokeTests
{
    [Fact]
    public async Task Invite_then_accept_delivers_message_and_facts_in_order()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync();

        invited.Link.Should().StartWith(TestHost.LoginUri + "?invite_token=").And.EndWith("&view_type=register");
        host.Sender.Sent.Should().ContainSingle().Which.To.Should().Be("jane.doe@example.com");

        var accepted = await host.Redemption.AcceptAsync(TestHost.TokenOf(invited.Link!), new AcceptRequest("sub-1"));
        accepted.IsSuccess.Should().BeTrue(accepted.Error?.ToString());
        accepted.Value.Groups.Should().Equal("staff");

        host.Sink.Facts.Select(f => f.Type).Should().Equal(FactTypes.InviteUser, FactTypes.InviteAccepted);
        host.Sink.Facts.Select(f => f.Sequence).Should().Equal(1, 2);
    }
}
