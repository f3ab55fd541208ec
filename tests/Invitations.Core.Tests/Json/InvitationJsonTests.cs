using NodaTime;

namespace Invitations.Core.Tests.Json;

public sealed class InvitationJsonTests
{
    [Theory]
    [InlineData(2026, 11, 24, 3, 4, 5, 123)]
    [InlineData(1970, 1, 1, 0, 0, 0, 0)]
    [InlineData(9999, 12, 31, 23, 59, 59, 999)]
    public void Fact_round_trips_with_iso_utc_instants_and_wire_ids(int y, int mo, int d, int h, int mi, int s, int ms)
    {
        var at = Instant.FromUtc(y, mo, d, h, mi, s) + Duration.FromMilliseconds(ms);
        var id = new InvitationId(Guid.NewGuid());
        var fact = new InvitationFact
        {
            Id = new FactId(Guid.NewGuid()),
            Type = FactTypes.InviteAccepted,
            ObjectId = id,
            Sequence = 2,
            OccurredAt = at,
            Attributes = new Dictionary<string, string> { ["_id"] = id.ToString(), ["sub"] = "u1" },
        };

        var json = InvitationJson.SerializeFactToString(fact);
        var back = InvitationJson.DeserializeFact(json);

        json.Should().Contain($"\"id\":\"{fact.Id}\"").And.Contain($"\"object_id\":\"{id}\"").And.MatchRegex("\"occurred_at\":\"\\d{4}-\\d\\d-\\d\\dT[^\"]*Z\"");
        back.Id.Should().Be(fact.Id);
        back.ObjectId.Should().Be(id);
        back.OccurredAt.Should().Be(at);
        back.Attributes.Should().Equal(fact.Attributes);
    }

    [Fact]
    public void Instant_outside_the_datetime_range_still_round_trips()
    {
        var far = Instant.FromUtc(-100, 1, 1, 0, 0);
        var fact = new InvitationFact { Id = new FactId(Guid.NewGuid()), Type = FactTypes.InviteUser, ObjectId = new InvitationId(Guid.NewGuid()), Sequence = 1, OccurredAt = far };

        InvitationJson.DeserializeFact(InvitationJson.SerializeFact(fact)).OccurredAt.Should().Be(far);
    }
}
