using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Invitations.EntityFrameworkCore.Tests.Service;

/// <summary>
/// Issue 16's invitee features on every store: one address in several organizations, reminders racing, short links,
/// "send me a new link". Time-based tests run their clock years past the other tests' (each its own offset), so the
/// class's shared database holds nothing else due in their windows.
/// </summary>
public abstract partial class StoreServiceTests
{
    [SkippableFact]
    public async Task SameAddressIsPendingInTwoOrganizationsAtOnce()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost();
        var email = Unique("multi") + "@example.com";
        var tag = Guid.NewGuid().ToString("N")[..8];

        var first = await host.Manager.InviteAsync(ServiceHost.Request(email, "acme-" + tag));
        var second = await host.Manager.InviteAsync(ServiceHost.Request(email, "globex-" + tag));

        Assert.True(first.IsSuccess && second.IsSuccess, $"{first} {second}");
        Assert.Equal((InviteStatus.Created, InviteStatus.Created), (first.Value.Status, second.Value.Status));
        Assert.NotEqual(first.Value.Invitation.Id, second.Value.Invitation.Id);
        Assert.True((await host.Redemption.AcceptAsync(ServiceHost.TokenOf(first.Value.Link!), new AcceptRequest("sub-" + tag))).IsSuccess);
        var other = await host.Redemption.PreviewAsync(ServiceHost.TokenOf(second.Value.Link!));
        Assert.True(other.IsSuccess, other.ToString());
        Assert.Equal("globex-" + tag, other.Value.OrganizationId);
    }

    [SkippableFact]
    public async Task ParallelReminderSweepsSendEachReminderExactlyOnce()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost(o =>
        {
            o.Reminders.Enabled = true;
            o.Maintenance.BatchSize = 4;
        });
        host.Clock.Reset(ServiceHost.Start + Duration.FromDays(3650));
        var addresses = Enumerable.Range(0, 12).Select(i => Unique("remind" + i) + "@example.com").ToList();
        var ids = new List<InvitationId>();
        foreach (var address in addresses)
        {
            var invited = await host.Manager.InviteAsync(ServiceHost.Request(address));
            Assert.True(invited.IsSuccess, invited.ToString());
            ids.Add(invited.Value.Invitation.Id);
        }

        host.Clock.Advance(Duration.FromDays(6));
        var sweeps = new ReminderSweepRunner(host.Services);
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(sweeps.RunAsync)));
        await sweeps.RunAsync();

        foreach (var id in ids)
        {
            var facts = await host.Store.ListFactsAsync(id, CancellationToken.None);
            Assert.Single(facts, f => f.Type == FactTypes.InviteReminded);
            Assert.Equal(1, (await host.Store.FindAsync(id, CancellationToken.None))!.ReminderCount);
        }

        var reminders = host.Sender.Sent.Where(m => m.TemplateKey == "INVITE_REMINDER" && addresses.Contains(m.To)).ToList();
        Assert.Equal(addresses.Count, reminders.Count);
        Assert.Equal(addresses.Count, reminders.Select(m => m.To).Distinct().Count());
    }

    [SkippableFact]
    public async Task ShortLinksResolveUntilTheResendRotatesThem()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost(o =>
        {
            o.Links.ShortenSms = true;
            o.Links.ShortLinkBaseUrl = "https://app.example.com/i/";
            o.Limits.ResendCooldown = TimeSpan.Zero;
        });
        var number = "+49151" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var invited = await host.Manager.InviteAsync(new InviteRequest { Inviter = ServiceHost.Admin, MobileNumber = number });
        Assert.True(invited.IsSuccess, invited.ToString());
        var resolver = host.Services.GetRequiredService<IShortLinkResolver>();
        var first = CodeIn(host.Sender.Sent.Last(m => m.To == number));

        Assert.Equal(invited.Value.Link, await resolver.ResolveAsync(first));

        var resent = await host.Manager.ResendAsync(invited.Value.Invitation.Id, ServiceHost.Admin);
        Assert.True(resent.IsSuccess, resent.ToString());
        var second = CodeIn(host.Sender.Sent.Last(m => m.To == number));
        Assert.Null(await resolver.ResolveAsync(first));
        Assert.Equal(resent.Value.Link, await resolver.ResolveAsync(second));

        Assert.Equal(1, (await host.Erasure.EraseAsync(number)).Value.Invitations);
        Assert.Null(await resolver.ResolveAsync(second));

        static string CodeIn(OutgoingMessage sms)
        {
            var at = sms.TextBody.IndexOf("/i/", StringComparison.Ordinal) + 3;
            return sms.TextBody.Substring(at, 22);
        }
    }

    [SkippableFact]
    public async Task NewLinkByAddressRenewsAnExpiredInvitation()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost(o => o.NewLinks.Enabled = true);
        host.Clock.Reset(ServiceHost.Start + Duration.FromDays(7300));
        var email = Unique("again") + "@example.com";
        var tag = "org-" + Guid.NewGuid().ToString("N")[..8];
        var invited = await host.Manager.InviteAsync(ServiceHost.Request(email, tag));
        Assert.True(invited.IsSuccess, invited.ToString());
        host.Clock.Advance(Duration.FromDays(8));
        await new ExpirySweep(host.Services).RunAsync();
        Assert.Equal(InvitationState.Expired, (await host.Store.FindAsync(invited.Value.Invitation.Id, CancellationToken.None))!.State);

        var answer = await host.Redemption.RequestNewLinkAsync(new NewLinkRequest { Address = email.ToUpperInvariant(), OrganizationId = tag });

        Assert.Same(NewLinkReceipt.Instance, answer.Value);
        var renewed = await host.Store.FindAsync(invited.Value.Invitation.Id, CancellationToken.None);
        Assert.Equal(InvitationState.Reinitiated, renewed!.State);
        Assert.Equal(2, host.Sender.Sent.Count(m => m.To == email));
    }

    [SkippableFact]
    public async Task TheSignInFlagIsStored()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost(adapters: b => b.Services.AddSingleton<IUserDirectory, ElsewhereDirectory>());
        var invited = await host.Manager.InviteAsync(ServiceHost.Request(Unique("known") + "@example.com", "acme"));

        Assert.True(invited.IsSuccess, invited.ToString());
        Assert.EndsWith("&view_type=login", invited.Value.Link, StringComparison.Ordinal);
        Assert.True((await host.Redemption.PreviewAsync(ServiceHost.TokenOf(invited.Value.Link!))).Value.HasExistingAccount);
    }

    private sealed class ElsewhereDirectory : IUserDirectory
    {
        public ValueTask<bool> IsRegisteredAsync(string address, MessageChannel channel, CancellationToken cancellationToken) => new(true);

        public ValueTask<DirectoryStatus> GetStatusAsync(string address, MessageChannel channel, string? organizationId, CancellationToken cancellationToken) =>
            new(DirectoryStatus.RegisteredElsewhere);
    }
}
