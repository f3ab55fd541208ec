using System.Security.Claims;

namespace Invitations.AspNetCore.Tests;

public sealed class ClaimsPrincipalInvitationExtensionsTests
{
    [Fact]
    public void The_actor_takes_id_name_and_roles_from_the_usual_claim_types()
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "u1"), new Claim(ClaimTypes.Name, "Ann"), new Claim(ClaimTypes.Role, "admin"), new Claim("roles", "user_invite"), new Claim("role", "admin")],
            "cookie");

        var actor = new ClaimsPrincipal(identity).ToInvitationActor();

        actor.Should().NotBeNull();
        actor!.Id.Should().Be("u1");
        actor.DisplayName.Should().Be("Ann");
        actor.Roles.Should().BeEquivalentTo("admin", "user_invite");
    }

    [Fact]
    public void A_jwt_style_sub_and_name_are_read()
    {
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "s1"), new Claim("name", "Sam")], "jwt")).ToInvitationActor();

        actor!.Id.Should().Be("s1");
        actor.DisplayName.Should().Be("Sam");
        actor.Roles.Should().BeEmpty();
    }

    [Fact]
    public void An_anonymous_user_or_one_without_an_id_has_no_actor()
    {
        new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "s1")])).ToInvitationActor().Should().BeNull();
        new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "x")], "jwt")).ToInvitationActor().Should().BeNull();
    }
}
