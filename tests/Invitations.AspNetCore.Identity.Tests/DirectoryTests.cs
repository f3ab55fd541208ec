using Invitations.AspNetCore.Identity.Internal;
using Invitations.AspNetCore.Identity.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Invitations.AspNetCore.Identity.Tests;

public sealed class DirectoryTests
{
    [Fact]
    public async Task The_directory_is_the_identity_one()
    {
        await using var host = await IdentityHost.StartAsync();

        host.Services.GetRequiredService<IUserDirectory>().Should().BeOfType<IdentityUserDirectory<IdentityUser>>();
    }

    [Fact]
    public async Task A_registered_user_is_registered_by_e_mail_in_any_case_and_an_unknown_one_is_not()
    {
        await using var host = await IdentityHost.StartAsync();
        await host.CreateUserAsync("carol@example.com");
        var directory = host.Services.GetRequiredService<IUserDirectory>();

        (await directory.IsRegisteredAsync("carol@example.com", MessageChannel.Email, CancellationToken.None)).Should().BeTrue();
        (await directory.IsRegisteredAsync("CAROL@example.com", MessageChannel.Email, CancellationToken.None)).Should().BeTrue();
        (await directory.IsRegisteredAsync("dave@example.com", MessageChannel.Email, CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task A_registered_user_is_registered_by_mobile_number()
    {
        await using var host = await IdentityHost.StartAsync();
        var user = await host.CreateUserAsync("carol@example.com");
        (await host.ChangeUserAsync(user, (u, x) => u.SetPhoneNumberAsync(x, "+4915112345678"))).Succeeded.Should().BeTrue();

        (await host.Services.GetRequiredService<IUserDirectory>().IsRegisteredAsync("+4915112345678", MessageChannel.Sms, CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task Inviting_a_registered_user_is_refused_as_already_registered()
    {
        await using var host = await IdentityHost.StartAsync();
        await host.CreateUserAsync("carol@example.com");

        var result = await host.Services.GetRequiredService<IInvitationManager>().InviteAsync(
            new InviteRequest { Inviter = InvitationActor.Admin("alice"), Email = "carol@example.com", ClientId = "web" });

        result.Error!.Code.Should().Be(InvitationErrorCodes.UserAlreadyRegistered);
    }

    [Fact]
    public async Task A_half_made_account_is_not_registered()
    {
        await using var host = await IdentityHost.StartAsync();
        var (id, token) = await host.InviteAsync();
        var user = await host.CreateUserAsync("bob@example.com");
        (await host.ChangeUserAsync(user, (u, x) => u.AddClaimsAsync(x, new AccountMarkers(id.ToString(), AccountMarkers.Digest(token), host.Clock.GetCurrentInstant()).ToClaims()))).Succeeded.Should().BeTrue();

        (await host.Services.GetRequiredService<IUserDirectory>().IsRegisteredAsync("bob@example.com", MessageChannel.Email, CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task Accounts_without_a_password_and_an_unconfirmed_address_are_listed_as_unregistered()
    {
        await using var host = await IdentityHost.StartAsync();
        await host.CreateUserAsync("registered@example.com");
        var imported = await host.CreateUserAsync("imported@example.com", password: null);
        (await host.ChangeUserAsync(imported, (u, x) => u.SetPhoneNumberAsync(x, "+4915112345678"))).Succeeded.Should().BeTrue();
        (await host.WithUsersAsync(u => u.CreateAsync(new IdentityUser { UserName = "confirmed@example.com", Email = "confirmed@example.com", EmailConfirmed = true }))).Succeeded.Should().BeTrue();

        var listed = new List<DirectoryIdentity>();
        await foreach (var identity in host.Services.GetRequiredService<IUserDirectory>().ListUnregisteredAsync(CancellationToken.None))
        {
            listed.Add(identity);
        }

        listed.Should().ContainSingle();
        listed[0].Id.Should().Be(imported.Id);
        listed[0].Email.Should().Be("imported@example.com");
        listed[0].MobileNumber.Should().Be("+4915112345678");
    }

    [Fact]
    public async Task Listing_pages_through_more_than_one_page()
    {
        await using var host = await IdentityHost.StartAsync();
        for (var i = 0; i < 130; i++)
        {
            await host.CreateUserAsync($"imported-{i:D3}@example.com", password: null);
        }

        var listed = new List<string>();
        await foreach (var identity in host.Services.GetRequiredService<IUserDirectory>().ListUnregisteredAsync(CancellationToken.None))
        {
            listed.Add(identity.Email!);
        }

        listed.Should().HaveCount(130).And.OnlyHaveUniqueItems();
    }
}
