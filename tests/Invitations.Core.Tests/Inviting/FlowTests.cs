using Invitations.Core.Tests.Support;
using NodaTime;

namespace Invitations.Core.Tests.Inviting;

public sealed class FlowTests
{
    [Fact]
    public async Task Resend_rotates_the_token_so_the_old_link_fails()
    {
        using var host = new TestHost(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        var invited = await host.InviteAsync();
        var resent = await host.Manager.ResendAsync(invited.Invitation.Id, TestHost.Admin);

        resent.Value.Invitation.State.Should().Be(InvitationState.Reinitiated);
        resent.Value.Link.Should().NotBe(invited.Link);
        (await host.Redemption.PreviewAsync(TestHost.TokenOf(invited.Link!))).Error!.Code.Should().Be(InvitationErrorCodes.InvalidToken);
        (await host.Redemption.AcceptAsync(TestHost.TokenOf(invited.Link!), new AcceptRequest("s"))).Error!.Code.Should().Be(InvitationErrorCodes.InvalidToken);
        (await host.Redemption.AcceptAsync(TestHost.TokenOf(resent.Value.Link!), new AcceptRequest("s"))).IsSuccess.Should().BeTrue();
        host.Sender.Sent.Should().HaveCount(2);
    }

    [Fact]
    public async Task Resending_an_expired_invitation_renews_it()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync();
        host.Clock.Advance(Duration.FromDays(8));
        (await host.Manager.GetAsync(invited.Invitation.Id)).Value.State.Should().Be(InvitationState.Expired);

        var resent = await host.Manager.ResendAsync(invited.Invitation.Id, TestHost.Admin);

        resent.Value.Invitation.State.Should().Be(InvitationState.Reinitiated);
        resent.Value.Invitation.ExpiresAt.Should().Be(host.Clock.GetCurrentInstant() + Duration.FromDays(7));
    }

    [Fact]
    public async Task Duplicate_invite_resends_by_default_and_reuse_returns_the_pending_one()
    {
        using var resendHost = new TestHost(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        var first = await resendHost.InviteAsync();
        var second = await resendHost.InviteAsync(TestHost.Request(" Jane.Doe@Example.com "));
        second.Status.Should().Be(InviteStatus.Resent);
        second.Invitation.Id.Should().Be(first.Invitation.Id);
        resendHost.MemoryStore.Count.Should().Be(1);

        using var reuseHost = new TestHost(o => o.DuplicatePending = DuplicatePendingBehavior.Reuse);
        var original = await reuseHost.InviteAsync();
        var reused = await reuseHost.InviteAsync();
        reused.Status.Should().Be(InviteStatus.Reused);
        reused.Link.Should().BeNull();
        reused.Invitation.Id.Should().Be(original.Invitation.Id);
        reuseHost.Sender.Sent.Should().HaveCount(1);
    }

    [Fact]
    public async Task Same_address_in_another_organization_is_a_separate_invitation()
    {
        using var host = new TestHost();
        var a = await host.InviteAsync(TestHost.Request() with { OrganizationId = "org-a" });
        var b = await host.InviteAsync(TestHost.Request() with { OrganizationId = "org-b" });
        b.Status.Should().Be(InviteStatus.Created);
        b.Invitation.Id.Should().NotBe(a.Invitation.Id);
    }

    [Fact]
    public async Task Skip_send_returns_the_link_and_sends_nothing()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync(TestHost.Request() with { SkipSend = true });

        invited.Link.Should().NotBeNull();
        invited.Message.Should().BeNull();
        host.Sender.Sent.Should().BeEmpty();
        host.Sink.Facts.Should().BeEmpty("cidaas emits INVITE_USER only when the invitation is actually sent");
        (await host.Redemption.AcceptAsync(TestHost.TokenOf(invited.Link!), new AcceptRequest("s"))).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task Personal_email_receives_the_message_while_the_identity_keeps_the_work_address()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync(TestHost.Request("jane@work.example") with { PersonalEmail = "Jane@Home.Example" });

        host.Sender.Sent.Single().To.Should().Be("Jane@home.example");
        invited.Invitation.Email.Should().Be("jane@work.example");
        (await host.Redemption.PreviewAsync(TestHost.TokenOf(invited.Link!))).Value.Email.Should().Be("jane@work.example");
    }

    [Fact]
    public async Task Sms_invitation_goes_to_the_e164_number()
    {
        using var host = new TestHost(o => o.Defaults.PhoneRegion = "DE");
        var invited = await host.InviteAsync(TestHost.Request() with { Email = null, MobileNumber = "0151 2345 6789" });

        invited.Invitation.Channel.Should().Be(MessageChannel.Sms);
        invited.Invitation.MobileNumber.Should().Be("+4915123456789");
        var sms = host.Sender.Sent.Single();
        sms.To.Should().Be("+4915123456789");
        sms.HtmlBody.Should().BeNull();
        sms.TextBody.Should().Contain(invited.Link!);
    }

    [Fact]
    public async Task Reject_closes_the_invitation_and_emits_invite_rejected()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync();
        var rejected = await host.Redemption.RejectAsync(TestHost.TokenOf(invited.Link!));

        rejected.Value.State.Should().Be(InvitationState.Rejected);
        host.Sink.Facts.Select(f => f.Type).Should().Equal(FactTypes.InviteUser, FactTypes.InviteRejected);
        (await host.Redemption.AcceptAsync(TestHost.TokenOf(invited.Link!), new AcceptRequest("s"))).Error!.Code.Should().Be(InvitationErrorCodes.InvalidToken);
    }

    [Fact]
    public async Task Accept_returns_what_to_grant_and_the_allow_listed_redirect()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync(TestHost.Request() with { RedirectLink = TestHost.RedirectUri });
        var accepted = (await host.Redemption.AcceptAsync(TestHost.TokenOf(invited.Link!), new AcceptRequest("sub-9"))).Value;

        accepted.Roles.Should().Equal("editor");
        accepted.CustomFields.Should().Contain("department", "R&D");
        accepted.RedirectLink.Should().Be(TestHost.RedirectUri);
        var fact = host.Sink.Facts.Last();
        fact.Type.Should().Be(FactTypes.InviteAccepted);
        fact.Attributes.Should().Contain("sub", "sub-9").And.ContainKey("_id");
        fact.OldValue!.State.Should().Be(InvitationState.Initiated);
        fact.NewValue!.State.Should().Be(InvitationState.Accepted);
    }

    [Fact]
    public async Task Find_filters_by_state_inviter_and_organization_and_pages_without_gaps()
    {
        using var host = new TestHost();
        for (var i = 0; i < 25; i++)
        {
            await host.InviteAsync(TestHost.Request($"user{i}@example.com") with
            {
                OrganizationId = i % 2 == 0 ? "even" : "odd",
                Inviter = i < 5 ? InvitationActor.Admin("boss") : TestHost.Admin,
            });
            host.Clock.Advance(Duration.FromSeconds(1));
        }

        var seen = new List<InvitationId>();
        string? cursor = null;
        do
        {
            var page = (await host.Manager.FindAsync(new InvitationSearch { PageSize = 7, Cursor = cursor })).Value;
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        seen.Should().HaveCount(25).And.OnlyHaveUniqueItems();
        (await host.Manager.FindAsync(new InvitationSearch { OrganizationId = "even" })).Value.Items.Should().HaveCount(13);
        (await host.Manager.FindAsync(new InvitationSearch { InvitedBy = "boss" })).Value.Items.Should().HaveCount(5);
        (await host.Manager.FindAsync(new InvitationSearch { Email = "USER3@example.com" })).Value.Items.Should().ContainSingle("search ignores case like invite, erasure and same-e-mail accept (issue 13)");
        (await host.Manager.FindAsync(new InvitationSearch { Email = "user3@EXAMPLE.com" })).Value.Items.Should().ContainSingle();

        host.Clock.Advance(Duration.FromDays(7) - Duration.FromSeconds(10));
        var expired = (await host.Manager.FindAsync(new InvitationSearch { State = InvitationState.Expired, PageSize = 100 })).Value.Items;
        var pending = (await host.Manager.FindAsync(new InvitationSearch { State = InvitationState.Initiated, PageSize = 100 })).Value.Items;
        expired.Should().HaveCount(16, "those created at +0 s to +15 s reached their expiry (expired at ExpiresAt itself)");
        pending.Should().HaveCount(9);
    }
}
