using Microsoft.Extensions.DependencyInjection;
using Invitations.Core.Tests.Support;
using NodaTime;

namespace Invitations.Core.Tests.NewLinks;

/// <summary>"Send me a new link": by old token or by address, to the delivery address only, rate-limited, and the same answer always.</summary>
public sealed class NewLinkTests
{
    private static TestHost Host(Action<InvitationsOptions>? configure = null) => new(o =>
    {
        o.NewLinks.Enabled = true;
        configure?.Invoke(o);
    });

    [Fact]
    public async Task The_holder_of_an_expired_link_gets_a_renewed_invitation_and_the_old_link_dies()
    {
        using var host = Host();
        var invited = await host.InviteAsync();
        var old = TestHost.TokenOf(invited.Link!);
        host.Clock.AdvanceTicks(Duration.FromDays(9).BclCompatibleTicks);
        await host.Maintenance.ExpireDueAsync();

        var answer = await host.Redemption.RequestNewLinkAsync(new NewLinkRequest { Token = old });

        answer.Value.Should().BeSameAs(NewLinkReceipt.Instance);
        var sent = host.Sender.Sent.Should().HaveCount(2).And.Subject.Last();
        sent.To.Should().Be("jane.doe@example.com");
        var fresh = MessageLinks.TokenIn(sent);
        (await host.Redemption.PreviewAsync(old)).Error!.Code.Should().Be(InvitationErrorCodes.InvalidToken);
        var preview = await host.Redemption.PreviewAsync(fresh);
        preview.IsSuccess.Should().BeTrue(preview.Error?.ToString());
        preview.Value.ExpiresAt.Should().Be(host.Clock.GetCurrentInstant() + Duration.FromDays(7), "the invitation is renewed for its lifetime");
    }

    [Fact]
    public async Task By_address_and_organization_the_link_goes_to_the_delivery_address_never_one_named()
    {
        using var host = Host();
        var invited = await host.InviteAsync(TestHost.Request("work@example.com") with { PersonalEmail = "home@example.com", OrganizationId = "acme" });
        host.Clock.AdvanceTicks(Duration.FromMinutes(61).BclCompatibleTicks);

        var answer = await host.Redemption.RequestNewLinkAsync(new NewLinkRequest { Address = "WORK@example.com", OrganizationId = "acme" });

        answer.IsSuccess.Should().BeTrue();
        host.Sender.Sent.Should().HaveCount(2).And.OnlyContain(m => m.To == "home@example.com");
        (await host.Redemption.PreviewAsync(TestHost.TokenOf(invited.Link!))).IsSuccess.Should().BeFalse("the resend rotated the token");
    }

    [Fact]
    public async Task Unknown_address_other_organization_unknown_token_and_known_ones_get_the_same_answer()
    {
        using var host = Host();
        var invited = await host.InviteAsync(TestHost.Request() with { OrganizationId = "acme" });
        host.Clock.AdvanceTicks(Duration.FromMinutes(61).BclCompatibleTicks);
        var requests = new[]
        {
            new NewLinkRequest { Address = "jane.doe@example.com", OrganizationId = "acme" },
            new NewLinkRequest { Address = "nobody@example.com", OrganizationId = "acme" },
            new NewLinkRequest { Address = "jane.doe@example.com", OrganizationId = "other" },
            new NewLinkRequest { Token = new string('A', 43) },
            new NewLinkRequest { Token = "garbage" },
        };

        var answers = new List<InvitationResult<NewLinkReceipt>>();
        foreach (var request in requests)
        {
            answers.Add(await host.Redemption.RequestNewLinkAsync(request));
        }

        answers.Should().OnlyContain(a => a.IsSuccess && ReferenceEquals(a.Value, NewLinkReceipt.Instance));
        host.Sender.Sent.Should().HaveCount(2, "only the real invitation got a new link");
        invited.Invitation.OrganizationId.Should().Be("acme");
    }

    [Fact]
    public async Task Requests_are_limited_per_invitation_by_the_resend_cooldown_and_limit_silently()
    {
        using var host = Host(o =>
        {
            o.Limits.ResendCooldown = TimeSpan.FromMinutes(10);
            o.Limits.MaxResends = 2;
            o.NewLinks.AddressCooldown = TimeSpan.Zero; // the resend limits alone
        });
        await host.InviteAsync();
        var byAddress = new NewLinkRequest { Address = "jane.doe@example.com" };

        (await host.Redemption.RequestNewLinkAsync(byAddress)).IsSuccess.Should().BeTrue();
        host.Sender.Sent.Should().HaveCount(1, "the cooldown since the invitation was sent has not passed");

        for (var i = 0; i < 5; i++)
        {
            host.Clock.AdvanceTicks(Duration.FromMinutes(11).BclCompatibleTicks);
            (await host.Redemption.RequestNewLinkAsync(byAddress)).Value.Should().BeSameAs(NewLinkReceipt.Instance);
        }

        host.Sender.Sent.Should().HaveCount(3, "two resends, then the limit");
    }

    [Fact]
    public async Task A_stranger_naming_an_address_rotates_a_live_link_at_most_once_per_AddressCooldown_while_the_token_holder_is_not_held()
    {
        using var host = Host(o => o.Limits.ResendCooldown = TimeSpan.FromMinutes(1));
        var invited = await host.InviteAsync();
        var byAddress = new NewLinkRequest { Address = "jane.doe@example.com" };

        for (var minute = 2; minute <= 58; minute += 2)
        {
            host.Clock.AdvanceTicks(Duration.FromMinutes(2).BclCompatibleTicks);
            (await host.Redemption.RequestNewLinkAsync(byAddress)).Value.Should().BeSameAs(NewLinkReceipt.Instance);
        }

        host.Sender.Sent.Should().ContainSingle("within the hour after the send, a request by address sends nothing");
        (await host.Redemption.PreviewAsync(TestHost.TokenOf(invited.Link!))).IsSuccess.Should().BeTrue("the live link was not rotated");

        (await host.Redemption.RequestNewLinkAsync(new NewLinkRequest { Token = TestHost.TokenOf(invited.Link!) })).IsSuccess.Should().BeTrue();
        host.Sender.Sent.Should().HaveCount(2, "the token's holder waits only the resend cooldown");

        host.Clock.AdvanceTicks(Duration.FromMinutes(61).BclCompatibleTicks);
        (await host.Redemption.RequestNewLinkAsync(byAddress)).IsSuccess.Should().BeTrue();
        host.Sender.Sent.Should().HaveCount(3, "an hour after the last send, a request by address sends again");
    }

    [Fact]
    public async Task An_invitation_expired_longer_than_RenewExpiredFor_and_closed_ones_get_nothing()
    {
        using var host = Host(o => o.NewLinks.RenewExpiredFor = TimeSpan.FromDays(1));
        var expired = await host.InviteAsync(TestHost.Request("old@example.com"));
        var accepted = await host.InviteAsync(TestHost.Request("done@example.com"));
        (await host.Redemption.AcceptAsync(TestHost.TokenOf(accepted.Link!), new AcceptRequest("sub-1"))).IsSuccess.Should().BeTrue();
        host.Clock.AdvanceTicks(Duration.FromDays(9).BclCompatibleTicks);

        (await host.Redemption.RequestNewLinkAsync(new NewLinkRequest { Token = TestHost.TokenOf(expired.Link!) })).IsSuccess.Should().BeTrue();
        (await host.Redemption.RequestNewLinkAsync(new NewLinkRequest { Token = TestHost.TokenOf(accepted.Link!) })).IsSuccess.Should().BeTrue();

        host.Sender.Sent.Should().HaveCount(2, "just the two invitations");
    }

    [Fact]
    public async Task By_mobile_number_an_sms_invitation_gets_a_new_sms()
    {
        using var host = Host(o => (o.Limits.ResendCooldown, o.NewLinks.AddressCooldown) = (TimeSpan.Zero, TimeSpan.Zero));
        await host.InviteAsync(new InviteRequest { Inviter = TestHost.Admin, MobileNumber = "+49 151 12345678" });

        (await host.Redemption.RequestNewLinkAsync(new NewLinkRequest { Address = "+4915112345678" })).IsSuccess.Should().BeTrue();

        host.Sender.Sent.Should().HaveCount(2).And.OnlyContain(m => m.Channel == MessageChannel.Sms && m.To == "+4915112345678");
    }

    [Theory]
    [InlineData(null, null, InvitationErrorCodes.FieldInvalid)]
    [InlineData("token", "a@example.com", InvitationErrorCodes.FieldInvalid)]
    [InlineData(null, "not an address", InvitationErrorCodes.FieldInvalid)]
    [InlineData(null, "bad@@example.com", InvitationErrorCodes.EmailInvalid)]
    public async Task Malformed_requests_are_refused_with_a_code(string? token, string? address, string code)
    {
        using var host = Host();

        var answer = await host.Redemption.RequestNewLinkAsync(new NewLinkRequest { Token = token, Address = address });

        answer.Error!.Code.Should().Be(code);
    }

    [Fact]
    public async Task The_policy_is_off_by_default()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync();

        var answer = await host.Redemption.RequestNewLinkAsync(new NewLinkRequest { Token = TestHost.TokenOf(invited.Link!) });

        answer.Error!.Code.Should().Be(InvitationErrorCodes.Forbidden);
        host.Sender.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task A_skip_send_invitation_is_never_mailed_by_request()
    {
        using var host = Host(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        await host.InviteAsync(TestHost.Request() with { SkipSend = true });

        (await host.Redemption.RequestNewLinkAsync(new NewLinkRequest { Address = "jane.doe@example.com" })).IsSuccess.Should().BeTrue();

        host.Sender.Sent.Should().BeEmpty();
    }
}
