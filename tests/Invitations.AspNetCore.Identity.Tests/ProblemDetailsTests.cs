using Microsoft.AspNetCore.Identity;

namespace Invitations.AspNetCore.Identity.Tests;

public sealed class ProblemDetailsTests
{
    [Fact]
    public void A_failure_without_identity_errors_is_the_aspnetcore_problem_of_its_code()
    {
        var result = InvitationAccountResult<IdentityUser>.Failure(new InvitationError(InvitationErrorCodes.RoleNotFound, "The role 'auditor' does not exist.") { Field = "roles" });

        var problem = result.ToProblemDetails();

        problem.Status.Should().Be(409);
        problem.Type.Should().Be("urn:invitations:problem:role_not_found");
        problem.Extensions["code"].Should().Be("role_not_found");
        problem.Extensions["field"].Should().Be("roles");
        problem.Extensions.Should().NotContainKey("errors");
    }

    [Fact]
    public void Identity_errors_are_grouped_by_field()
    {
        var describer = new IdentityErrorDescriber();
        var result = InvitationAccountResult<IdentityUser>.Failure(
            new InvitationError(InvitationErrorCodes.PasswordRejected, "weak") { Field = "password" },
            [describer.PasswordTooShort(12), describer.PasswordRequiresDigit(), describer.InvalidUserName("a b")]);

        var problem = result.ToProblemDetails();

        problem.Status.Should().Be(400);
        var errors = problem.Extensions["errors"].Should().BeOfType<Dictionary<string, string[]>>().Subject;
        errors["password"].Should().Equal(describer.PasswordTooShort(12).Description, describer.PasswordRequiresDigit().Description);
        errors["user_name"].Should().Equal(describer.InvalidUserName("a b").Description);
    }

    [Fact]
    public void A_success_has_no_problem()
    {
        var result = InvitationAccountResult<IdentityUser>.Success(new IdentityUser(), null);

        var act = () => result.ToProblemDetails();

        act.Should().Throw<InvalidOperationException>();
    }

    [Theory]
    [InlineData(InvitationErrorCodes.PasswordRejected, 400)]
    [InlineData(InvitationErrorCodes.AccountRejected, 400)]
    [InlineData(InvitationErrorCodes.AccountExists, 409)]
    [InlineData(InvitationErrorCodes.RoleNotFound, 409)]
    public void The_account_codes_have_their_status(string code, int status) =>
        new InvitationError(code, "x").ToProblemDetails().Status.Should().Be(status);
}
