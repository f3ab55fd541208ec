using Microsoft.Extensions.DependencyInjection;
using Invitations.Core.Tests.Support;

namespace Invitations.Core.Tests.UserDirectory;

/// <summary>The directory is asked per organization: members are refused, accounts from elsewhere are invited to sign in.</summary>
public sealed class DirectoryStatusTests
{
    private static TestHost Host(IUserDirectory directory, Action<InvitationsOptions>? configure = null) =>
        new(configure, b => b.Services.AddSingleton(directory));

    [Fact]
    public async Task A_member_of_the_organization_is_refused_and_a_member_elsewhere_gets_a_sign_in_link()
    {
        var directory = new OrganizationDirectory();
        directory.Members.Add(("acme", "jane.doe@example.com"));
        using var host = Host(directory);

        var refused = await host.Manager.InviteAsync(TestHost.Request() with { OrganizationId = "acme" });
        var invited = await host.InviteAsync(TestHost.Request() with { OrganizationId = "globex" });

        refused.Error!.Code.Should().Be(InvitationErrorCodes.UserAlreadyRegistered);
        invited.Link.Should().EndWith("&view_type=login");
        MessageLinks.In(host.Sender.Sent.Single()).Should().EndWith("&view_type=login");
        var preview = await host.Redemption.PreviewAsync(TestHost.TokenOf(invited.Link!));
        preview.Value.HasExistingAccount.Should().BeTrue();
        directory.Asked.Should().Equal(("acme", "jane.doe@example.com", MessageChannel.Email), ("globex", "jane.doe@example.com", MessageChannel.Email));
    }

    [Fact]
    public async Task A_resend_and_a_reminder_keep_the_sign_in_link()
    {
        var directory = new OrganizationDirectory();
        directory.Members.Add(("acme", "jane.doe@example.com"));
        using var host = Host(directory, o =>
        {
            o.Limits.ResendCooldown = TimeSpan.Zero;
            o.Reminders.Enabled = true;
        });
        var invited = await host.InviteAsync(TestHost.Request() with { OrganizationId = "globex" });

        var resent = await host.Manager.ResendAsync(invited.Invitation.Id, TestHost.Admin);
        host.Clock.AdvanceTicks(NodaTime.Duration.FromDays(6).BclCompatibleTicks);
        await host.Services.GetRequiredService<Invitations.Reminders.ReminderSweep>().RemindDueAsync();

        resent.Value.Link.Should().EndWith("&view_type=login");
        host.Sender.Sent.Should().HaveCount(3).And.OnlyContain(m => MessageLinks.In(m).EndsWith("&view_type=login", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nobody_registered_gets_a_registration_link()
    {
        using var host = Host(new OrganizationDirectory());

        var invited = await host.InviteAsync(TestHost.Request() with { OrganizationId = "acme" });

        invited.Link.Should().EndWith("&view_type=register");
        (await host.Redemption.PreviewAsync(TestHost.TokenOf(invited.Link!))).Value.HasExistingAccount.Should().BeFalse();
    }

    [Fact]
    public async Task A_directory_without_organizations_keeps_refusing_registered_users_through_the_default()
    {
        using var host = Host(new RegisteredOnly());

        var refused = await host.Manager.InviteAsync(TestHost.Request() with { OrganizationId = "acme" });

        refused.Error!.Code.Should().Be(InvitationErrorCodes.UserAlreadyRegistered);
    }

    [Fact]
    public async Task With_SkipRegisteredUsers_off_a_member_is_invited_to_sign_in()
    {
        var directory = new OrganizationDirectory();
        directory.Members.Add(("acme", "jane.doe@example.com"));
        using var host = Host(directory, o => o.SkipRegisteredUsers = false);

        var invited = await host.InviteAsync(TestHost.Request() with { OrganizationId = "acme" });

        invited.Link.Should().EndWith("&view_type=login");
    }

    /// <summary>Jane has an account and is a member of the listed organizations; every question is recorded.</summary>
    private sealed class OrganizationDirectory : IUserDirectory
    {
        public List<(string Organization, string Address)> Members { get; } = [];

        public List<(string? Organization, string Address, MessageChannel Channel)> Asked { get; } = [];

        public ValueTask<bool> IsRegisteredAsync(string address, MessageChannel channel, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The pipeline asks per organization.");

        public ValueTask<DirectoryStatus> GetStatusAsync(string address, MessageChannel channel, string? organizationId, CancellationToken cancellationToken)
        {
            Asked.Add((organizationId, address, channel));
            var status = Members.Contains((organizationId ?? "", address)) ? DirectoryStatus.Member
                : Members.Any(m => m.Address == address) ? DirectoryStatus.RegisteredElsewhere
                : DirectoryStatus.NotRegistered;
            return new(status);
        }
    }

    private sealed class RegisteredOnly : IUserDirectory
    {
        public ValueTask<bool> IsRegisteredAsync(string address, MessageChannel channel, CancellationToken cancellationToken) => new(true);
    }
}
