using System.Reflection;
using Invitations.AspNetCore.Internal;

namespace Invitations.AspNetCore.Tests;

public sealed class ProblemTableTests
{
    private static readonly string[] Codes =
    [
        .. new[] { typeof(InvitationErrorCodes), typeof(InvitationHttpErrorCodes) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!),
    ];

    public static TheoryData<string> AllCodes() => new(Codes);

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Every_error_code_has_its_own_row(string code) =>
        ProblemTable.Codes.Should().Contain(code);

    [Fact]
    public void The_table_maps_no_code_that_does_not_exist() =>
        ProblemTable.Codes.Should().BeEquivalentTo(Codes);

    [Theory]
    [InlineData(InvitationErrorCodes.EmailInvalid, 400)]
    [InlineData(InvitationErrorCodes.Forbidden, 403)]
    [InlineData(InvitationErrorCodes.InvitationNotFound, 404)]
    [InlineData(InvitationErrorCodes.InvalidToken, 404)]
    [InlineData(InvitationErrorCodes.DuplicatePending, 409)]
    [InlineData(InvitationErrorCodes.InvalidStateTransition, 409)]
    [InlineData(InvitationErrorCodes.InvitationExpired, 410)]
    [InlineData(InvitationErrorCodes.ConcurrencyConflict, 412)]
    [InlineData(InvitationErrorCodes.IdempotencyKeyReused, 422)]
    [InlineData(InvitationErrorCodes.RateLimited, 429)]
    [InlineData(InvitationErrorCodes.ResendCooldown, 429)]
    public void The_status_follows_the_kind_of_error(string code, int status) =>
        ProblemTable.Lookup(code).Status.Should().Be(status);

    [Fact]
    public void ToProblemDetails_carries_code_type_field_and_the_message_as_detail()
    {
        var problem = new InvitationError(InvitationErrorCodes.FieldInvalid, "Field 'lang' is invalid: too long") { Field = "lang" }.ToProblemDetails();

        problem.Status.Should().Be(400);
        problem.Type.Should().Be("urn:invitations:problem:field_invalid");
        problem.Detail.Should().Be("Field 'lang' is invalid: too long");
        problem.Extensions["code"].Should().Be("field_invalid");
        problem.Extensions["field"].Should().Be("lang");
    }

    [Fact]
    public void A_problem_without_a_field_has_no_field_member() =>
        new InvitationError(InvitationErrorCodes.Forbidden, "no").ToProblemDetails().Extensions.Should().NotContainKey("field");

    [Fact]
    public void A_code_from_a_newer_core_is_a_400_titled_by_its_code() =>
        ProblemTable.Lookup("something_new").Should().Be((400, "something_new"));
}
