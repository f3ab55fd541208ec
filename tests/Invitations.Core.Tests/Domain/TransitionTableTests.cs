using System.Security.Cryptography;
using Invitations.Domain;
using Invitations.Core.Tests.Support;
using NodaTime;

namespace Invitations.Core.Tests.Domain;

/// <summary>Stored shapes of an invitation, each with the effective state it has at the test's "now".</summary>
public enum Variant
{
    Initiated = 0,
    Reinitiated = 1,
    Accepted = 2,
    Revoked = 3,
    Rejected = 4,
    InitiatedAtExpiry = 5,
    ReinitiatedPastExpiry = 6,
    StoredExpired = 7,
}

public sealed class TransitionTableTests
{
    private static readonly Instant Now = TestHost.Start + Duration.FromDays(3);
    private static readonly FactFactory Facts = new(null);

    public static TheoryData<Variant, string> AllCells()
    {
        var data = new TheoryData<Variant, string>();
        foreach (var v in Enum.GetValues<Variant>())
        {
            foreach (var c in ExpectedTransitions.Commands)
            {
                data.Add(v, c.ToString());
            }
        }

        return data;
    }

    [Fact]
    public void Decide_matches_the_expected_table_in_every_cell()
    {
        var mismatches = new List<string>();
        foreach (var state in ExpectedTransitions.States)
        {
            foreach (var command in ExpectedTransitions.Commands)
            {
                var (target, error) = ExpectedTransitions.Expect(state, command);
                var cell = InvitationStateMachine.Decide(state, command);
                if (cell.Target != target || cell.ErrorCode != error || cell.Allowed != target.HasValue)
                {
                    mismatches.Add($"{state} × {command}: expected {target?.ToString() ?? error}, got {cell.Target?.ToString() ?? cell.ErrorCode}");
                }
            }
        }

        mismatches.Should().BeEmpty();
        (ExpectedTransitions.States.Count * ExpectedTransitions.Commands.Count).Should().Be(30);
        ExpectedTransitions.States.Should().BeEquivalentTo(Enum.GetValues<InvitationState>(), "the table covers every state");
        ExpectedTransitions.Commands.Should().BeEquivalentTo(Enum.GetValues<InvitationCommand>(), "the table covers every command");
    }

    [Theory]
    [InlineData(InvitationState.Initiated)]
    [InlineData(InvitationState.Reinitiated)]
    public void Pending_invitation_is_pending_one_tick_before_expiry_and_expired_at_expiry(InvitationState stored)
    {
        var d = Data(stored, expiresAt: Now);

        InvitationStateMachine.EffectiveState(d, Now - Duration.Epsilon).Should().Be(stored);
        InvitationStateMachine.EffectiveState(d, Now).Should().Be(InvitationState.Expired);
        InvitationStateMachine.EffectiveState(d, Now + Duration.FromDays(400)).Should().Be(InvitationState.Expired);
    }

    [Theory]
    [InlineData(InvitationState.Accepted)]
    [InlineData(InvitationState.Revoked)]
    [InlineData(InvitationState.Rejected)]
    [InlineData(InvitationState.Expired)]
    public void Closed_invitation_keeps_its_state_after_its_expiry_passes(InvitationState stored)
    {
        var d = Data(stored, expiresAt: Now);

        InvitationStateMachine.EffectiveState(d, Now + Duration.FromDays(30)).Should().Be(stored);
    }

    [Theory]
    [MemberData(nameof(AllCells))]
    public void Aggregate_transition_follows_the_table(Variant variant, string commandName)
    {
        var command = Enum.Parse<InvitationCommand>(commandName);
        var before = Create(variant);
        var effective = EffectiveOf(variant);
        InvitationStateMachine.EffectiveState(before, Now).Should().Be(effective);
        var (target, error) = ExpectedTransitions.Expect(effective, command);
        if (variant == Variant.StoredExpired && command == InvitationCommand.Expire)
        {
            // The sweeper persists a derived expiry only once: an already stored expiry is not expired again.
            (target, error) = (null, InvitationErrorCodes.InvalidStateTransition);
        }

        var newHash = SHA256.HashData(Guid.NewGuid().ToByteArray());
        var t = Apply(command, before, newHash);

        if (target is null)
        {
            t.Succeeded.Should().BeFalse();
            t.ErrorCode.Should().Be(error);
            t.Data.Should().BeNull("a failed transition produces no new data");
            t.Fact.Should().BeNull("a failed transition emits no fact");
            return;
        }

        t.Succeeded.Should().BeTrue(t.ErrorCode);
        var after = t.Data!;
        var fact = t.Fact!;
        after.State.Should().Be(target.Value);
        after.Version.Should().Be(before.Version + 1);
        after.FactSequence.Should().Be(before.FactSequence + 1);
        after.UpdatedAt.Should().Be(Now);
        after.Id.Should().Be(before.Id);
        fact.Type.Should().Be(ExpectedTransitions.FactTypeOf(command));
        fact.Sequence.Should().Be(after.FactSequence);
        fact.ObjectId.Should().Be(before.Id);
        fact.ObjectType.Should().Be("userinvitations");
        fact.OccurredAt.Should().Be(Now);
        fact.OldValue!.Version.Should().Be(before.Version);
        fact.NewValue!.Version.Should().Be(after.Version);
        fact.NewValue.State.Should().Be(target.Value);
        fact.Attributes.Should().Contain("_id", before.Id.ToString());
        FactActors.Of(fact).Should().NotBeNull("every fact records its actor");

        switch (command)
        {
            case InvitationCommand.Resend:
                after.TokenHash.Should().Equal(newHash, "a resend rotates the token");
                after.ExpiresAt.Should().Be(Now + Duration.FromDays(7), "a resend renews the lifetime");
                after.ResendCount.Should().Be(before.ResendCount + 1);
                after.SendCount.Should().Be(before.SendCount + 1);
                after.LastSentAt.Should().Be(Now);
                after.ClosedAt.Should().BeNull();
                fact.Attributes.Should().Contain("resent", "true").And.Contain("resent_by", "admin-1");
                break;
            case InvitationCommand.Accept:
                after.AcceptedSubjectId.Should().Be("sub-1");
                after.TokenHash.Should().Equal(before.TokenHash!, "the holder of the token may learn 'already accepted'");
                after.ClosedAt.Should().Be(Now);
                fact.Attributes.Should().Contain("sub", "sub-1");
                break;
            case InvitationCommand.Reject:
            case InvitationCommand.Revoke:
                after.TokenHash.Should().BeNull("the token stops working");
                after.ClosedAt.Should().Be(Now);
                if (command == InvitationCommand.Revoke)
                {
                    fact.Attributes.Should().Contain("revoked_by", "admin-1");
                }
                else
                {
                    fact.Attributes.Should().Contain("rejected_by", "token_holder");
                }

                break;
            case InvitationCommand.Expire:
                after.ClosedAt.Should().Be(before.ExpiresAt);
                after.TokenHash.Should().Equal(before.TokenHash!, "the holder of the token may learn 'expired'");
                fact.Attributes.Should().Contain("expired_by", "system");
                break;
        }
    }

    [Fact]
    public void Delivery_failure_bumps_version_and_sequence_but_not_state()
    {
        var before = Create(Variant.Reinitiated);

        var t = Invitation.RecordDeliveryFailure(before, Now, MessageChannel.Email, new string('x', 600), Facts);

        t.Data.State.Should().Be(InvitationState.Reinitiated);
        t.Data.Version.Should().Be(before.Version + 1);
        t.Fact.Envelope.Type.Should().Be(FactTypes.InviteDeliveryFailed);
        t.Fact.Envelope.Sequence.Should().Be(before.FactSequence + 1);
        t.Fact.Envelope.Attributes["error"].Should().HaveLength(500, "error details are capped");
        t.Fact.Envelope.Attributes["channel"].Should().Be("email");
    }

    [Fact]
    public void Every_transition_of_a_chain_increments_version_and_sequence_by_one()
    {
        var start = Create(Variant.Initiated);
        var d = start;
        var types = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var t = Invitation.Resend(d, Now, SHA256.HashData(BitConverter.GetBytes(i)), Duration.FromDays(7), send: true, "admin-1", Facts);
            t.Data!.Version.Should().Be(d.Version + 1);
            t.Fact!.Sequence.Should().Be(d.FactSequence + 1);
            types.Add(t.Fact.Type);
            d = t.Data;
        }

        var accepted = Invitation.Accept(d, Now, "sub-9", Facts);
        types.Add(accepted.Fact!.Type);
        accepted.Data!.Version.Should().Be(start.Version + 6);
        accepted.Data.FactSequence.Should().Be(start.FactSequence + 6);
        types.Should().Equal(Enumerable.Repeat(FactTypes.InviteUser, 5).Append(FactTypes.InviteAccepted));

        Invitation.Accept(accepted.Data, Now, "sub-10", Facts).ErrorCode.Should().Be(InvitationErrorCodes.InvitationAlreadyAccepted);
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("revoke")]
    [InlineData("reject")]
    [InlineData("expire")]
    public async Task Failed_transition_through_the_service_writes_nothing(string closeWith)
    {
        using var host = new TestHost(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        var invited = await host.InviteAsync();
        var token = TestHost.TokenOf(invited.Link!);
        var id = invited.Invitation.Id;
        switch (closeWith)
        {
            case "accept":
                (await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-1"))).IsSuccess.Should().BeTrue();
                break;
            case "revoke":
                (await host.Manager.RevokeAsync(id, TestHost.Admin)).IsSuccess.Should().BeTrue();
                break;
            case "reject":
                (await host.Redemption.RejectAsync(token)).IsSuccess.Should().BeTrue();
                break;
            default:
                host.Clock.Advance(Duration.FromDays(8));
                break;
        }

        var before = await host.Store.FindAsync(id, default);
        var factsBefore = (await host.Manager.ListFactsAsync(id, TestHost.Admin)).Value.Count;
        var outboxBefore = host.MemoryStore.SnapshotOutbox().Count;
        host.Clock.Advance(Duration.FromMinutes(5));

        var revoke = await host.Manager.RevokeAsync(id, TestHost.Admin);
        var accept = await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-2"));
        var reject = await host.Redemption.RejectAsync(token);

        revoke.IsSuccess.Should().BeFalse();
        accept.IsSuccess.Should().BeFalse();
        reject.IsSuccess.Should().BeFalse();
        var after = await host.Store.FindAsync(id, default);
        after.Should().BeSameAs(before, "nothing was written: the stored record is the very same");
        (await host.Manager.ListFactsAsync(id, TestHost.Admin)).Value.Should().HaveCount(factsBefore);
        host.MemoryStore.SnapshotOutbox().Should().HaveCount(outboxBefore);
    }

    private static Transition Apply(InvitationCommand command, InvitationData d, byte[] newHash) => command switch
    {
        InvitationCommand.Resend => Invitation.Resend(d, Now, newHash, Duration.FromDays(7), send: true, "admin-1", Facts),
        InvitationCommand.Accept => Invitation.Accept(d, Now, "sub-1", Facts),
        InvitationCommand.Reject => Invitation.Reject(d, Now, Facts),
        InvitationCommand.Revoke => Invitation.Revoke(d, Now, "admin-1", Facts),
        InvitationCommand.Expire => Invitation.Expire(d, Now, Facts),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    /// <summary>The effective state of each variant at <see cref="Now"/>, written out independently of the library.</summary>
    private static InvitationState EffectiveOf(Variant v) => v switch
    {
        Variant.Initiated => InvitationState.Initiated,
        Variant.Reinitiated => InvitationState.Reinitiated,
        Variant.Accepted => InvitationState.Accepted,
        Variant.Revoked => InvitationState.Revoked,
        Variant.Rejected => InvitationState.Rejected,
        _ => InvitationState.Expired,
    };

    private static InvitationData Create(Variant v) => v switch
    {
        Variant.Initiated => Data(InvitationState.Initiated, Now + Duration.FromDays(1)),
        Variant.Reinitiated => Data(InvitationState.Reinitiated, Now + Duration.FromDays(1)),
        Variant.Accepted => Data(InvitationState.Accepted, Now + Duration.FromDays(1)),
        Variant.Revoked => Data(InvitationState.Revoked, Now + Duration.FromDays(1)) with { TokenHash = null },
        Variant.Rejected => Data(InvitationState.Rejected, Now + Duration.FromDays(1)) with { TokenHash = null },
        Variant.InitiatedAtExpiry => Data(InvitationState.Initiated, Now),
        Variant.ReinitiatedPastExpiry => Data(InvitationState.Reinitiated, Now - Duration.FromHours(1)),
        Variant.StoredExpired => Data(InvitationState.Expired, Now - Duration.FromHours(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(v)),
    };

    internal static InvitationData Data(InvitationState state, Instant expiresAt) => new()
    {
        Id = new InvitationId(Guid.NewGuid()),
        Version = 4,
        State = state,
        Channel = MessageChannel.Email,
        Email = "jane@example.com",
        DeliveryAddress = "jane@example.com",
        RecipientKey = "|email|jane@example.com",
        InvitedById = "admin-1",
        LinkTarget = TestHost.LoginUri,
        TemplateKey = "INVITE_USER",
        TokenHash = SHA256.HashData("seed"u8),
        CreatedAt = expiresAt - Duration.FromDays(7),
        UpdatedAt = expiresAt - Duration.FromDays(7),
        ExpiresAt = expiresAt,
        SendCount = 2,
        ResendCount = 1,
        LastSentAt = expiresAt - Duration.FromDays(7),
        FactSequence = 3,
    };
}
