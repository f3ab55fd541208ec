using FluentAssertions;
using NodaTime;

namespace Invitations.Core.Tests.Facts;

public sealed class FactActorsTests
{
    private static readonly InvitationId Id = new(Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"));

    [Theory]
    [InlineData(FactTypes.InviteUser, "invited_by", "admin-1", "admin-1")]
    [InlineData(FactTypes.InviteAccepted, "sub", "sub-1", "sub-1")]
    [InlineData(FactTypes.InviteRevoked, "revoked_by", "admin-2", "admin-2")]
    [InlineData(FactTypes.InviteRejected, "rejected_by", "token_holder", "token_holder")]
    [InlineData(FactTypes.InviteExpired, "expired_by", "system", "system")]
    [InlineData(FactTypes.InviteDeliveryFailed, "channel", "email", "system")]
    [InlineData(FactTypes.InviteReminded, "reminder", "1", "system")]
    [InlineData(FactTypes.AccountCreated, "sub", "sub-1", "sub-1")]
    [InlineData("HOST_EVENT", "by", "x", null)]
    [InlineData(FactTypes.InviteRevoked, "other", "x", null)]
    public void Of_reads_the_attribute_the_type_records_its_actor_in(string type, string key, string value, string? actor) =>
        FactActors.Of(Fact(type, (key, value))).Should().Be(actor);

    [Fact]
    public void A_resend_is_attributed_to_its_resender_not_the_inviter()
    {
        var resent = Fact(FactTypes.InviteUser, ("resent", "true"), ("resent_by", "admin-2"));

        FactActors.Of(resent).Should().Be("admin-2");
    }

    private static InvitationFact Fact(string type, params (string Key, string Value)[] attributes) => new()
    {
        Id = new FactId(Guid.NewGuid()),
        Type = type,
        ObjectId = Id,
        Sequence = 1,
        OccurredAt = Instant.FromUtc(2030, 1, 1, 0, 0),
        Attributes = new FactAttributeDictionary(Id, attributes),
    };
}
