using Invitations.AspNetCore.Identity.Tests.Support;

namespace Invitations.AspNetCore.Identity.Tests;

/// <summary><c>EmailConfirmed</c> is set only when the invitation's e-mail went to that very address.</summary>
public sealed class EmailConfirmedTests
{
    [Fact]
    public async Task An_invitation_mailed_to_the_address_confirms_it()
    {
        await using var host = await IdentityHost.StartAsync();
        var (_, token) = await host.InviteAsync();

        var result = await host.RegisterAsync(token);

        result.User!.EmailConfirmed.Should().BeTrue();
        (await host.UsersAsync()).Single().EmailConfirmed.Should().BeTrue();
    }

    [Fact]
    public async Task A_link_handed_out_without_a_message_proves_no_address()
    {
        await using var host = await IdentityHost.StartAsync();
        var (_, token) = await host.InviteAsync(skipSend: true);

        var result = await host.RegisterAsync(token);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.User!.EmailConfirmed.Should().BeFalse();
    }

    [Fact]
    public async Task An_sms_invitation_proves_no_e_mail_address()
    {
        await using var host = await IdentityHost.StartAsync();
        var (_, token) = await host.InviteAsync(new InviteRequest
        {
            Inviter = InvitationActor.Admin("alice"),
            MobileNumber = "+49 151 12345678",
            ClientId = "web",
        });

        var result = await host.RegisterAsync(token);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.User!.EmailConfirmed.Should().BeFalse();
        result.User.PhoneNumber.Should().Be("+4915112345678");
        result.User.UserName.Should().Be("+4915112345678", "without an e-mail address the user name defaults to the mobile number");
    }

    [Fact]
    public async Task A_message_to_the_personal_address_does_not_confirm_the_work_address()
    {
        await using var host = await IdentityHost.StartAsync();
        var (id, token) = await host.InviteAsync(new InviteRequest
        {
            Inviter = InvitationActor.Admin("alice"),
            Email = "bob@work.example.com",
            PersonalEmail = "bob@home.example.net",
            ClientId = "web",
        });
        var invitation = await host.InvitationAsync(id);
        invitation.DeliveryAddress.Should().Be("bob@home.example.net");

        var result = await host.RegisterAsync(token);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.User!.Email.Should().Be("bob@work.example.com", "the account gets the invited address");
        result.User.EmailConfirmed.Should().BeFalse("the message proved only the personal address");
    }

    [Fact]
    public async Task Accepting_into_a_signed_in_account_with_another_address_leaves_it_unconfirmed()
    {
        await using var host = await IdentityHost.StartAsync();
        var (_, token) = await host.InviteAsync();
        var existing = await host.CreateUserAsync("robert@example.org");

        var result = await host.AcceptSignedInAsync(existing, token);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        (await host.UsersAsync()).Single().EmailConfirmed.Should().BeFalse();
    }
}
