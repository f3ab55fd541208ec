using System.Text.Json;
using CsCheck;
using Invitations.Domain;
using Invitations.Core.Tests.Domain;
using Invitations.Core.Tests.Support;
using NodaTime;

namespace Invitations.Core.Tests.Json;

/// <summary>
/// <see cref="InvitationJson.SerializeFact(InvitationFact)"/> and <see cref="InvitationJson.SerializeFact(FactDraft)"/> write facts by
/// hand for speed. These properties hold them to the source-generated serializer (the same one that reads facts back): for
/// any fact, and for any draft and the complete fact it projects, the same bytes.
/// </summary>
public sealed class FactJsonWriterPropertyTests
{
    private static readonly Gen<string> Text =
        Gen.Char["<>&\"'`\\/ \r\n\t\0\u0085\u2028\u2029\u007faZ9üß€😀"].Array[0, 24].Select(chars => new string(chars));

    private static readonly Gen<string?> OptionalText = Gen.Frequency((1, Gen.Const(static () => (string?)null)), (3, Text.Select(t => (string?)t)));

    private static readonly Gen<IReadOnlyList<string>> Lists = Text.Array[0, 4].Select(a => (IReadOnlyList<string>)a);

    // A Dictionary (records read back from a database) or the validator's CustomFieldDictionary (records the library made).
    private static readonly Gen<IReadOnlyDictionary<string, string>> Fields =
        Gen.Select(Gen.Select(Text, Text).Array[0, 4], Gen.Bool, (pairs, compact) =>
        {
            IReadOnlyDictionary<string, string> dictionary = pairs.GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Item2);
            return compact ? CustomFieldDictionary.Copy(dictionary, int.MaxValue)! : dictionary;
        });

    private static readonly Gen<Instant> Instants = Gen.Frequency(
        (8, Gen.Long[0, 253_402_300_799_999L].Select(ms => Instant.FromUnixTimeMilliseconds(ms) + Duration.FromTicks(ms % 10_000))),
        (1, Gen.Const(Instant.FromUtc(-100, 1, 1, 0, 0))),
        (1, Gen.Const(Instant.MaxValue)));

    private static readonly Gen<InvitationData> Records =
        Gen.Select(Gen.Select(OptionalText, OptionalText, OptionalText, OptionalText, Lists, Lists, Fields), Gen.Select(OptionalText, OptionalText, OptionalText, Instants, Instants, Gen.Int[0, 5], Gen.Long[1, long.MaxValue]), OptionalText)
            .Select((a, b, subject) => TransitionTableTests.Data(InvitationState.Initiated, b.Item5) with
            {
                AcceptedSubjectId = subject,
                Email = a.Item1,
                MobileNumber = a.Item2,
                GivenName = a.Item3,
                FamilyName = a.Item4,
                Groups = a.Item5,
                Roles = a.Item6,
                CustomFields = a.Item7,
                OrganizationId = b.Item1,
                ClientId = b.Item2,
                Locale = b.Item3,
                CreatedAt = b.Item4,
                UpdatedAt = b.Item4,
                State = (InvitationState)b.Item6,
                Channel = b.Item6 % 2 == 0 ? MessageChannel.Email : MessageChannel.Sms,
                Version = b.Item7,
            });

    [Fact]
    public void Library_facts_serialize_exactly_like_the_source_generated_serializer()
    {
        var facts = new FactFactory("https://admin.example.com/i/{id}");
        Gen.Select(Records, Records, Text, Text, Instants).Sample((before, after, key, value, at) =>
        {
            var next = after with { Id = before.Id, FactSequence = before.FactSequence + 1 };
            var fact = string.IsNullOrEmpty(key) || key == "_id"
                ? facts.Create(FactTypes.InviteAccepted, before, next, at)
                : facts.Create(FactTypes.InviteDeliveryFailed, before, next, at, (key, value));

            SameAsGenerated(fact);
        }, iter: 400);
    }

    [Fact]
    public void Facts_built_by_initializers_or_read_from_json_serialize_exactly_like_the_source_generated_serializer()
    {
        Gen.Select(Records, Fields, OptionalText, Text, Gen.Bool, Instants, Gen.Bool).Sample((data, attributes, url, type, hasOld, at, hasRequest) =>
        {
            var fact = new InvitationFact
            {
                Id = new FactId(Guid.NewGuid()),
                Type = type,
                ObjectId = data.Id,
                Sequence = data.FactSequence,
                OccurredAt = at,
                Attributes = attributes,
                OldValue = hasOld ? data.ToSnapshot(at) : null,
                NewValue = data.ToSnapshot(at),
                Url = url,
                Request = hasRequest ? attributes : null,
            };

            SameAsGenerated(fact);
            SameAsGenerated(InvitationJson.DeserializeFact(InvitationJson.SerializeFact(fact)));
        }, iter: 400);
    }

    [Fact]
    public void Null_members_are_omitted_like_the_generated_serializer_omits_them()
    {
        var fact = new InvitationFact
        {
            Id = new FactId(Guid.NewGuid()),
            Type = null!,
            ObjectType = null!,
            ObjectId = new InvitationId(Guid.NewGuid()),
            Sequence = 1,
            OccurredAt = TestHost.Start,
            Attributes = null!,
            NewValue = TransitionTableTests.Data(InvitationState.Initiated, TestHost.Start).ToSnapshot(TestHost.Start) with { Groups = null!, Roles = null!, CustomFields = null!, InvitedBy = null!, TemplateKey = null! },
        };

        SameAsGenerated(fact);
    }

    [Fact]
    public void An_undefined_enum_value_fails_like_the_generated_serializer_fails()
    {
        var data = TransitionTableTests.Data(InvitationState.Initiated, TestHost.Start);
        var fact = new InvitationFact
        {
            Id = new FactId(Guid.NewGuid()), Type = FactTypes.InviteUser, ObjectId = data.Id, Sequence = 1, OccurredAt = TestHost.Start,
            NewValue = data.ToSnapshot(TestHost.Start) with { State = (InvitationState)42 },
        };

        FluentActions.Invoking(() => JsonSerializer.SerializeToUtf8Bytes(fact, InvitationJson.Options)).Should().Throw<JsonException>();
        FluentActions.Invoking(() => InvitationJson.SerializeFact(fact)).Should().Throw<JsonException>();
        InvitationJson.SerializeFact(fact with { NewValue = null }).Should().NotBeEmpty("the writer's per-thread state survives a failed write");
    }

    [Fact]
    public void Every_public_member_of_a_fact_and_its_snapshots_is_written()
    {
        var data = TransitionTableTests.Data(InvitationState.Accepted, TestHost.Start) with
        {
            MobileNumber = "+4915112345678", GivenName = "Jane", FamilyName = "Doe", Groups = ["g"], Roles = ["r"],
            CustomFields = new Dictionary<string, string> { ["k"] = "v" }, OrganizationId = "org", ClientId = "web",
            Locale = "de", AcceptedSubjectId = "sub-1",
        };
        var draft = new FactFactory("https://admin.example.com/i/{id}").Create(FactTypes.InviteAccepted, data, data, TestHost.Start, ("sub", "sub-1"));
        var fact = draft with { Envelope = draft.Envelope with { Request = new Dictionary<string, string> { ["username"] = "jane" } } };
        var json = InvitationJson.SerializeFactToString(fact);

        var names = typeof(InvitationFact).GetProperties().Concat(typeof(InvitationSnapshot).GetProperties())
            .Where(p => p.GetMethod!.IsPublic && !p.IsDefined(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), inherit: false))
            .Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name));
        foreach (var name in names)
        {
            json.Should().Contain($"\"{name}\":", "a member the hand-written writer forgets would pass silently while it is null");
        }

        SameAsGenerated(fact);
    }

    private static void SameAsGenerated(FactDraft draft)
    {
        var fact = draft.ToFact()!;
        var expected = JsonSerializer.Serialize(fact, InvitationJson.Options);
        InvitationJson.SerializeFactToString(draft).Should().Be(expected, "a draft writes what the fact it projects writes");
        System.Text.Encoding.UTF8.GetString(InvitationJson.SerializeFact(draft)).Should().Be(expected);
        SameAsGenerated(fact);
    }

    private static void SameAsGenerated(InvitationFact fact)
    {
        var expected = JsonSerializer.Serialize(fact, InvitationJson.Options);
        InvitationJson.SerializeFactToString(fact).Should().Be(expected);
        System.Text.Encoding.UTF8.GetString(InvitationJson.SerializeFact(fact)).Should().Be(expected);
    }
}
