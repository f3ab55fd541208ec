using Invitations.Delivery;
using Invitations.Domain;
using Invitations.Core.Tests.Domain;
using Invitations.Core.Tests.Support;
using NodaTime;

namespace Invitations.Core.Tests.Facts;

/// <summary>
/// Facts the library creates are drafts: the envelope and the immutable records old_value/new_value are projected
/// from where a receiver gets the fact, with attributes held in fields. These tests pin that a draft projects,
/// compares and serializes exactly like a plain fact built from materialized snapshots and a dictionary.
/// </summary>
public sealed class FactRepresentationTests
{
    private static readonly Instant Now = TestHost.Start + Duration.FromDays(3);
    private static readonly FactFactory Facts = new("https://admin.example.com/invitations/{id}");

    [Fact]
    public void Accepted_fact_projects_both_sides_from_the_records_with_their_effective_states()
    {
        var before = TransitionTableTests.Data(InvitationState.Initiated, Now + Duration.FromDays(1));
        var t = Invitation.Accept(before, Now, "sub-7", Facts);

        var fact = t.Fact!;
        fact.OldValue.Should().Be(before.ToSnapshot(Now));
        fact.NewValue.Should().Be(t.Data!.ToSnapshot(Now));
        fact.OldValue!.State.Should().Be(InvitationState.Initiated);
        fact.NewValue!.State.Should().Be(InvitationState.Accepted);
        fact.NewValue.AcceptedSubjectId.Should().Be("sub-7");
        fact.Url.Should().Be($"https://admin.example.com/invitations/{before.Id}");
    }

    [Fact]
    public void The_effective_state_is_the_one_at_the_moment_of_the_fact_not_at_the_moment_of_reading()
    {
        // Resent at Now with a link that expires one second later: read much later, the fact still says reinitiated.
        var before = TransitionTableTests.Data(InvitationState.Initiated, Now + Duration.FromDays(1));
        var t = Invitation.Resend(before, Now, new byte[32], Duration.FromSeconds(1), send: true, "admin-1", Facts);

        t.Fact!.NewValue!.State.Should().Be(InvitationState.Reinitiated);
        t.Data!.ToSnapshot(Now + Duration.FromDays(30)).State.Should().Be(InvitationState.Expired, "the record itself is expired by then");
    }

    [Fact]
    public void Library_fact_serializes_byte_for_byte_like_the_same_fact_built_from_snapshots_and_a_dictionary()
    {
        var before = TransitionTableTests.Data(InvitationState.Initiated, Now + Duration.FromDays(1)) with
        {
            Groups = ["staff", "beta"],
            CustomFields = new Dictionary<string, string> { ["department"] = "R&D <lab>" },
        };
        var draft = Invitation.Accept(before, Now, "sub-7", Facts).Draft;
        draft.Envelope.OldValue.Should().BeNull("the library's envelope carries no snapshot");
        draft.Envelope.NewValue.Should().BeNull();
        var fact = draft.ToFact()!;
        var materialized = fact with { Attributes = new Dictionary<string, string>(fact.Attributes) };

        InvitationJson.SerializeFactToString(draft).Should().Be(InvitationJson.SerializeFactToString(materialized));
        InvitationJson.SerializeFact(draft).Should().Equal(InvitationJson.SerializeFact(materialized));
        InvitationJson.DeserializeFact(InvitationJson.SerializeFact(draft)).NewValue.Should().BeEquivalentTo(fact.NewValue);
    }

    [Fact]
    public void A_source_projects_its_side_over_the_envelope_and_a_draft_of_a_complete_fact_is_that_fact()
    {
        var before = TransitionTableTests.Data(InvitationState.Initiated, Now + Duration.FromDays(1));
        var draft = Invitation.Accept(before, Now, "sub-7", Facts).Draft;
        var replacement = before.ToSnapshot(Now) with { GivenName = "Replaced" };

        var overridden = draft with { Envelope = draft.Envelope with { OldValue = replacement, NewValue = replacement } };
        overridden.ToFact()!.OldValue.Should().Be(before.ToSnapshot(Now), "the old side has a source");
        var firstFact = overridden with { OldSource = default };
        firstFact.ToFact()!.OldValue.Should().BeSameAs(replacement, "without a source the envelope's side is the fact's");
        InvitationJson.SerializeFactToString(firstFact).Should().Be(InvitationJson.SerializeFactToString(firstFact.ToFact()!));

        var complete = draft.ToFact()!;
        FactDraft.Of(complete).ToFact().Should().BeSameAs(complete);
        default(FactDraft).HasValue.Should().BeFalse();
        default(FactDraft).ToFact().Should().BeNull();
    }

    [Fact]
    public void An_outbox_item_hands_out_the_complete_fact_and_setting_a_fact_replaces_the_draft()
    {
        var before = TransitionTableTests.Data(InvitationState.Initiated, Now + Duration.FromDays(1));
        var t = Invitation.Accept(before, Now, "sub-7", Facts);
        var item = OutboxItems.ForFact(t.Draft, Now);

        item.Draft.Should().Be(t.Draft);
        item.Fact.Should().Be(t.Draft.ToFact()).And.NotBeSameAs(item.Fact, "each read projects a new fact");
        item.Fact!.NewValue.Should().Be(t.Data!.ToSnapshot(Now));

        var given = t.Fact! with { Url = null };
        var replaced = item with { Fact = given };
        replaced.Fact.Should().BeSameAs(given);
        replaced.Draft.Should().Be(FactDraft.Of(given));
        (item with { Fact = null }).Draft.HasValue.Should().BeFalse();
        new OutboxItem { Id = item.Id, InvitationId = item.InvitationId, Kind = OutboxItemKind.Fact, Sequence = 1, CreatedAt = Now, DueAt = Now }.Fact.Should().BeNull();
    }

    [Fact]
    public void Attributes_read_like_a_dictionary_with_the_id_first()
    {
        var id = new InvitationId(Guid.NewGuid());
        var attributes = new FactAttributeDictionary(id, [("channel", "email"), ("error", "mailbox full")]);

        attributes.Should().Equal(new Dictionary<string, string> { ["_id"] = id.ToString(), ["channel"] = "email", ["error"] = "mailbox full" });
        attributes.Keys.Should().Equal("_id", "channel", "error");
        attributes.Values.Should().Equal(id.ToString(), "email", "mailbox full");
        attributes.Count.Should().Be(3);
        attributes["error"].Should().Be("mailbox full");
        attributes.ContainsKey("sub").Should().BeFalse();
        attributes.TryGetValue("sub", out _).Should().BeFalse();
        FluentActions.Invoking(() => attributes["sub"]).Should().Throw<KeyNotFoundException>().WithMessage("*'sub'*");
        new FactAttributeDictionary(id, []).Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("_id", id.ToString()));
    }

    [Fact]
    public void Attributes_refuse_a_second_id_duplicate_keys_and_more_than_two_extras()
    {
        var id = new InvitationId(Guid.NewGuid());

        FluentActions.Invoking(() => new FactAttributeDictionary(id, [("_id", "forged")])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new FactAttributeDictionary(id, [("sub", "a"), ("sub", "b")])).Should().Throw<ArgumentException>().WithMessage("*'sub'*");
        FluentActions.Invoking(() => new FactAttributeDictionary(id, [("a", "1"), ("b", "2"), ("c", "3")])).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void The_factory_falls_back_to_a_dictionary_for_more_attributes()
    {
        var data = TransitionTableTests.Data(InvitationState.Initiated, Now + Duration.FromDays(1));
        var fact = Facts.Create(FactTypes.InviteUser, null, data, Now, ("a", "1"), ("b", "2"), ("c", "3")).ToFact()!;

        fact.Attributes.Should().Equal(new Dictionary<string, string> { ["_id"] = data.Id.ToString(), ["a"] = "1", ["b"] = "2", ["c"] = "3" });
        fact.OldValue.Should().BeNull("an invitation's first fact has no before");
    }

    [Fact]
    public void Accept_result_reads_groups_from_the_record_and_projects_the_snapshot_on_demand()
    {
        var before = TransitionTableTests.Data(InvitationState.Initiated, Now + Duration.FromDays(1)) with { Roles = ["reader"], RedirectLink = "https://app.example.com/welcome" };
        var accepted = Invitation.Accept(before, Now, "sub-7", Facts).Data!;

        var result = new AcceptResult(accepted);

        result.Roles.Should().BeSameAs(accepted.Roles);
        result.RedirectLink.Should().Be("https://app.example.com/welcome");
        result.Invitation.Should().Be(accepted.ToSnapshot(Now));
        (result with { Invitation = result.Invitation with { Roles = ["writer"] } }).Roles.Should().Equal("writer");
    }

    [Fact]
    public void Facts_and_accept_results_compare_by_their_public_members_however_they_were_built()
    {
        var before = TransitionTableTests.Data(InvitationState.Initiated, Now + Duration.FromDays(1));
        var t = Invitation.Accept(before, Now, "sub-7", Facts);
        var fact = t.Fact!;
        var materialized = t.Draft.ToFact()!; // a second projection: other snapshot objects, equal by value

        materialized.OldValue.Should().NotBeSameAs(fact.OldValue);
        materialized.Should().Be(fact);
        materialized.GetHashCode().Should().Be(fact.GetHashCode());
        (fact with { NewValue = fact.NewValue! with { GivenName = "Other" } }).Should().NotBe(fact);
        (fact with { Url = null }).Should().NotBe(fact);

        var lazy = new AcceptResult(t.Data!);
        var built = new AcceptResult { Invitation = t.Data!.ToSnapshot(Now), RedirectLink = t.Data!.RedirectLink };
        built.Should().Be(lazy);
        built.GetHashCode().Should().Be(lazy.GetHashCode());
        (built with { RedirectLink = "https://elsewhere.example.com" }).Should().NotBe(lazy);
    }
}
