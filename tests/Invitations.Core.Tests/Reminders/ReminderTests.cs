using Microsoft.Extensions.DependencyInjection;
using System.Text;
using Invitations.Core.Tests.Support;
using Invitations.Reminders;
using NodaTime;

namespace Invitations.Core.Tests.Reminders;

/// <summary>Reminders before expiry: when they are due, what they send, and that each is sent once.</summary>
public sealed class ReminderTests
{
    private static TestHost Host(Action<ReminderOptions>? configure = null, Action<InvitationsOptions>? more = null) => new(o =>
    {
        o.Reminders.Enabled = true;
        o.Limits.ResendCooldown = TimeSpan.Zero;
        configure?.Invoke(o.Reminders);
        more?.Invoke(o);
    });

    private static Task<ReminderSweepResult> SweepAsync(TestHost host) => host.Services.GetRequiredService<ReminderSweep>().RemindDueAsync();

    [Fact]
    public async Task A_reminder_is_sent_once_when_its_moment_comes_with_a_new_link_and_the_same_expiry()
    {
        using var host = Host();
        var invited = await host.InviteAsync();
        var oldToken = TestHost.TokenOf(invited.Link!);

        host.Clock.AdvanceTicks((Duration.FromDays(5) - Duration.FromTicks(1)).BclCompatibleTicks);
        (await SweepAsync(host)).Reminded.Should().Be(0);

        host.Clock.AdvanceTicks(1);
        (await SweepAsync(host)).Reminded.Should().Be(1);
        (await SweepAsync(host)).Reminded.Should().Be(0, "the moment was reminded");

        var reminder = host.Sender.Sent.Should().HaveCount(2).And.Subject.Last();
        reminder.TemplateKey.Should().Be("INVITE_REMINDER");
        reminder.To.Should().Be("jane.doe@example.com");
        reminder.Subject.Should().Be("Reminder: your invitation to Acme expires soon");
        var newToken = MessageLinks.TokenIn(reminder);
        newToken.Should().NotBe(oldToken);
        (await host.Redemption.PreviewAsync(oldToken)).Error!.Code.Should().Be(InvitationErrorCodes.InvalidToken, "a reminder rotates the token");
        var preview = await host.Redemption.PreviewAsync(newToken);
        preview.Value.ExpiresAt.Should().Be(invited.Invitation.ExpiresAt, "a reminder does not extend the invitation");

        var stored = await host.Store.FindAsync(invited.Invitation.Id, CancellationToken.None);
        stored!.ReminderCount.Should().Be(1);
        stored.State.Should().Be(InvitationState.Initiated);
    }

    [Fact]
    public async Task The_reminder_fact_says_which_reminder_and_carries_no_token()
    {
        using var host = Host();
        var invited = await host.InviteAsync();
        host.Clock.AdvanceTicks(Duration.FromDays(6).BclCompatibleTicks);
        await SweepAsync(host);

        var fact = host.Sink.Facts.Should().ContainSingle(f => f.Type == FactTypes.InviteReminded).Subject;
        fact.ObjectId.Should().Be(invited.Invitation.Id);
        fact.Attributes["reminder"].Should().Be("1");
        var token = MessageLinks.TokenIn(host.Sender.Sent.Last());
        var json = InvitationJson.SerializeFactToString(fact);
        json.Should().NotContain(token).And.NotContain(token[..12]).And.NotContain(TestHost.TokenOf(invited.Link!)[..12]);
        Encoding.UTF8.GetString(InvitationJson.SerializeFact(fact)).Should().Contain("INVITE_REMINDED");
    }

    [Theory]
    [InlineData("accepted")]
    [InlineData("revoked")]
    [InlineData("rejected")]
    [InlineData("expired")]
    public async Task No_reminder_after_the_invitation_closed(string how)
    {
        using var host = Host(r => r.Schedule[0] = TimeSpan.FromDays(2));
        var invited = await host.InviteAsync();
        var token = TestHost.TokenOf(invited.Link!);
        switch (how)
        {
            case "accepted":
                (await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-1"))).IsSuccess.Should().BeTrue();
                break;
            case "revoked":
                (await host.Manager.RevokeAsync(invited.Invitation.Id, TestHost.Admin)).IsSuccess.Should().BeTrue();
                break;
            case "rejected":
                (await host.Redemption.RejectAsync(token)).IsSuccess.Should().BeTrue();
                break;
            default:
                host.Clock.AdvanceTicks(Duration.FromDays(8).BclCompatibleTicks);
                break;
        }

        host.Clock.AdvanceTicks(Duration.FromDays(6).BclCompatibleTicks);

        (await SweepAsync(host)).Reminded.Should().Be(0);
        host.Sender.Sent.Should().ContainSingle("only the invitation itself was sent");
    }

    [Fact]
    public async Task At_most_MaxCount_reminders_one_per_moment()
    {
        using var host = Host(r =>
        {
            r.Schedule.Clear();
            r.Schedule.Add(TimeSpan.FromDays(3));
            r.Schedule.Add(TimeSpan.FromDays(2));
            r.Schedule.Add(TimeSpan.FromDays(1));
            r.MaxCount = 2;
        });
        await host.InviteAsync();

        foreach (var (day, expected) in new[] { (4.5, 1), (4.6, 0), (5.5, 1), (6.5, 0) })
        {
            host.Clock.Reset(TestHost.Start + Duration.FromDays(day));
            (await SweepAsync(host)).Reminded.Should().Be(expected, $"at day {day}");
        }

        host.Sender.Sent.Should().HaveCount(3);
        host.Sink.Facts.Where(f => f.Type == FactTypes.InviteReminded).Select(f => f.Attributes["reminder"]).Should().Equal("1", "2");
    }

    [Fact]
    public async Task Moments_missed_while_maintenance_was_down_get_one_reminder()
    {
        using var host = Host(r =>
        {
            r.Schedule.Clear();
            r.Schedule.Add(TimeSpan.FromDays(3));
            r.Schedule.Add(TimeSpan.FromDays(2));
            r.MaxCount = 2;
        });
        await host.InviteAsync();

        host.Clock.AdvanceTicks(Duration.FromDays(5.5).BclCompatibleTicks);
        (await SweepAsync(host)).Reminded.Should().Be(1);
        (await SweepAsync(host)).Reminded.Should().Be(0);

        host.Sender.Sent.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_resend_starts_the_reminders_again_for_the_new_lifetime()
    {
        using var host = Host();
        var invited = await host.InviteAsync();
        host.Clock.AdvanceTicks(Duration.FromDays(6).BclCompatibleTicks);
        (await SweepAsync(host)).Reminded.Should().Be(1);

        var resent = await host.Manager.ResendAsync(invited.Invitation.Id, TestHost.Admin);
        resent.IsSuccess.Should().BeTrue(resent.Error?.ToString());
        (await host.Store.FindAsync(invited.Invitation.Id, CancellationToken.None))!.ReminderCount.Should().Be(0);
        (await SweepAsync(host)).Reminded.Should().Be(0);
        resent.Value.Invitation.ExpiresAt.Should().Be(host.Clock.GetCurrentInstant() + Duration.FromDays(7), "a reminder does not shorten the lifetime a resend renews");

        host.Clock.AdvanceTicks(Duration.FromDays(5).BclCompatibleTicks);
        (await SweepAsync(host)).Reminded.Should().Be(1);
    }

    [Fact]
    public async Task A_moment_before_the_last_send_is_not_reminded()
    {
        // A one-day invitation was sent inside the two-day window: a reminder right after the invitation would be noise.
        using var host = Host();
        await host.InviteAsync(TestHost.Request() with { Lifetime = Duration.FromDays(1) });
        host.Clock.AdvanceTicks(Duration.FromHours(12).BclCompatibleTicks);

        (await SweepAsync(host)).Reminded.Should().Be(0);
    }

    [Fact]
    public async Task Skip_send_invitations_and_disabled_reminders_send_nothing()
    {
        using (var host = Host())
        {
            await host.InviteAsync(TestHost.Request() with { SkipSend = true });
            host.Clock.AdvanceTicks(Duration.FromDays(6).BclCompatibleTicks);
            (await SweepAsync(host)).Reminded.Should().Be(0);
        }

        using var off = new TestHost();
        await off.InviteAsync();
        off.Clock.AdvanceTicks(Duration.FromDays(6).BclCompatibleTicks);
        (await off.Services.GetRequiredService<ReminderSweep>().RemindDueAsync()).Reminded.Should().Be(0);
        off.Sender.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task Sms_reminders_use_the_sms_template()
    {
        using var host = Host();
        await host.InviteAsync(new InviteRequest { Inviter = TestHost.Admin, MobileNumber = "+49 151 12345678" });
        host.Clock.AdvanceTicks(Duration.FromDays(6).BclCompatibleTicks);

        (await SweepAsync(host)).Reminded.Should().Be(1);

        var sms = host.Sender.Sent.Last();
        sms.Channel.Should().Be(MessageChannel.Sms);
        sms.TextBody.Should().StartWith("Reminder: your invitation to Acme: https://app.example.com/login?invite_token=");
    }

    [Fact]
    public async Task Parallel_sweeps_send_each_reminder_exactly_once()
    {
        using var host = Host(more: o => o.Maintenance.BatchSize = 7);
        for (var i = 0; i < 40; i++)
        {
            await host.InviteAsync(TestHost.Request($"r{i}@example.com"));
        }

        host.Clock.AdvanceTicks(Duration.FromDays(6).BclCompatibleTicks);
        var sweeps = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SweepAsync(host))));

        sweeps.Sum(s => s.Reminded).Should().Be(40);
        host.Sender.Sent.Where(m => m.TemplateKey == "INVITE_REMINDER").GroupBy(m => m.To).Should().HaveCount(40).And.OnlyContain(g => g.Count() == 1);
        host.Sink.Facts.Count(f => f.Type == FactTypes.InviteReminded).Should().Be(40);
    }

    [Fact]
    public void Startup_lists_every_reminder_problem()
    {
        var act = () => new TestHost(o =>
        {
            o.Reminders.Enabled = true;
            o.Reminders.TemplateKey = "NO_SUCH_TEMPLATE";
            o.Reminders.Schedule.Add(TimeSpan.Zero);
            o.Reminders.Schedule.Add(TimeSpan.Zero);
            o.Reminders.MaxCount = -1;
        });

        var message = act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().Which.Message;
        message.Should().Contain("Reminders.TemplateKey 'NO_SUCH_TEMPLATE'").And.Contain("Reminders.Schedule entries must be positive")
            .And.Contain("must not list the same time twice").And.Contain("Reminders.MaxCount");
    }

    [Fact]
    public async Task The_background_maintenance_service_sends_due_reminders()
    {
        using var host = Host(more: o => o.Maintenance.Interval = TimeSpan.FromMilliseconds(20));
        var invited = await host.InviteAsync();
        host.Clock.Advance(Duration.FromDays(6));
        var service = host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Invitations.Maintenance.MaintenanceHostedService>().Single();

        await service.StartAsync(default);
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            // Wait for the sent message itself: the stored count is visible once the write commits, before the send.
            while (!host.Sender.Sent.Any(m => m.TemplateKey == "INVITE_REMINDER"))
            {
                DateTime.UtcNow.Should().BeBefore(deadline, "the background service should have run");
                await Task.Delay(20);
            }
        }
        finally
        {
            await service.StopAsync(default);
        }

        host.Sender.Sent.Where(m => m.TemplateKey == "INVITE_REMINDER").Should().ContainSingle("later runs find nothing more due");
        (await host.Store.FindAsync(invited.Invitation.Id, default))!.ReminderCount.Should().Be(1);
    }
}
