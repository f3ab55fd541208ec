using Invitations.AspNetCore.Identity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Invitations.AspNetCore.Identity.Tests;

/// <summary>The Identity directory answers per organization: the organization claims an accepted invitation leaves on the account decide.</summary>
public sealed class OrganizationTests
{
    [Fact]
    public async Task Registering_with_an_organizations_invitation_makes_the_account_a_member_of_it_and_only_of_it()
    {
        await using var host = await IdentityHost.StartAsync();
        var (_, token) = await host.InviteAsync(Request("bob@example.com", "acme"));
        (await host.RegisterAsync(token)).Succeeded.Should().BeTrue();
        var directory = host.Services.GetRequiredService<IUserDirectory>();

        (await directory.GetStatusAsync("bob@example.com", MessageChannel.Email, "acme", CancellationToken.None)).Should().Be(DirectoryStatus.Member);
        (await directory.GetStatusAsync("bob@example.com", MessageChannel.Email, "globex", CancellationToken.None)).Should().Be(DirectoryStatus.RegisteredElsewhere);
        (await directory.GetStatusAsync("bob@example.com", MessageChannel.Email, null, CancellationToken.None)).Should().Be(DirectoryStatus.Member);
        (await directory.GetStatusAsync("dave@example.com", MessageChannel.Email, "acme", CancellationToken.None)).Should().Be(DirectoryStatus.NotRegistered);
        var user = (await host.UsersAsync()).Should().ContainSingle().Subject;
        (await host.ClaimsAsync(user)).Should().ContainSingle(c => c.Type == InvitationAccountOptions.DefaultOrganizationClaimType).Which.Value.Should().Be("acme");
    }

    [Fact]
    public async Task A_member_of_one_organization_is_invited_into_another_with_a_sign_in_link_and_refused_in_its_own()
    {
        await using var host = await IdentityHost.StartAsync();
        var (_, token) = await host.InviteAsync(Request("bob@example.com", "acme"));
        (await host.RegisterAsync(token)).Succeeded.Should().BeTrue();
        var manager = host.Services.GetRequiredService<IInvitationManager>();

        var again = await manager.InviteAsync(Request("bob@example.com", "acme"));
        var elsewhere = await manager.InviteAsync(Request("bob@example.com", "globex"));

        again.Error!.Code.Should().Be(InvitationErrorCodes.UserAlreadyRegistered);
        elsewhere.IsSuccess.Should().BeTrue(elsewhere.Error?.ToString());
        elsewhere.Value.Link.Should().Contain("view_type=login");
    }

    private static InviteRequest Request(string email, string organization) => new()
    {
        Inviter = InvitationActor.Admin("alice"),
        Email = email,
        ClientId = "web",
        OrganizationId = organization,
    };
}
