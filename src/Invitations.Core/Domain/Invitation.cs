using NodaTime;

namespace Invitations.Domain;

/// <summary>
/// The invitation aggregate's behaviour: pure functions from (data, command, time) to a
/// <see cref="Transition"/>. No I/O, no clock lookup: time and new secrets are passed in. Every
/// successful transition increments the version and emits exactly one fact.
/// </summary>
internal static class Invitation
{
    /// <summary>Resend: rotates the token (the previous link stops working) and renews the lifetime.</summary>
    public static Transition Resend(InvitationData d, Instant now, byte[] newTokenHash, Duration lifetime, bool send, string resentBy, FactFactory facts)
    {
        var cell = InvitationStateMachine.Decide(InvitationStateMachine.EffectiveState(d, now), InvitationCommand.Resend);
        if (!cell.Allowed)
        {
            return Transition.Fail(cell.ErrorCode);
        }

        var next = d with
        {
            Version = d.Version + 1,
            UpdatedAt = now,
            FactSequence = d.FactSequence + 1,
            State = cell.Target.Value,
            TokenHash = newTokenHash,
            ExpiresAt = now + lifetime,
            ResendCount = d.ResendCount + 1,
            SendCount = send ? d.SendCount + 1 : d.SendCount,
            LastSentAt = send ? now : d.LastSentAt,
            ClosedAt = null,
        };
        return Transition.To(next, facts.Create(
            FactTypes.InviteUser, d, next, now, (FactAttributeNames.Resent, "true"), (FactAttributeNames.ResentBy, resentBy)));
    }

    /// <summary>Accept: exactly once; keeps the token digest so its holder can learn "already accepted".</summary>
    public static Transition Accept(InvitationData d, Instant now, string subjectId, FactFactory facts)
    {
        var cell = InvitationStateMachine.Decide(InvitationStateMachine.EffectiveState(d, now), InvitationCommand.Accept);
        if (!cell.Allowed)
        {
            return Transition.Fail(cell.ErrorCode);
        }

        var next = d with
        {
            Version = d.Version + 1, UpdatedAt = now, FactSequence = d.FactSequence + 1,
            State = InvitationState.Accepted, AcceptedSubjectId = subjectId, ClosedAt = now,
        };
        return Transition.To(next, facts.Create(FactTypes.InviteAccepted, d, next, now, (FactAttributeNames.Subject, subjectId)));
    }

    /// <summary>Reject by the invitee (the anonymous holder of the link): the token stops working.</summary>
    public static Transition Reject(InvitationData d, Instant now, FactFactory facts) =>
        Close(d, now, InvitationCommand.Reject, InvitationState.Rejected, FactTypes.InviteRejected, (FactAttributeNames.RejectedBy, FactActors.TokenHolder), facts);

    /// <summary>Revoke by an administrator: the token stops working.</summary>
    public static Transition Revoke(InvitationData d, Instant now, string revokedBy, FactFactory facts) =>
        Close(d, now, InvitationCommand.Revoke, InvitationState.Revoked, FactTypes.InviteRevoked, (FactAttributeNames.RevokedBy, revokedBy), facts);

    /// <summary>Persist a derived expiry (the sweeper). Keeps the digest so the holder learns "expired".</summary>
    public static Transition Expire(InvitationData d, Instant now, FactFactory facts)
    {
        var cell = InvitationStateMachine.DecideExpire(d, now);
        if (!cell.Allowed)
        {
            return Transition.Fail(cell.ErrorCode);
        }

        var next = d with
        {
            Version = d.Version + 1, UpdatedAt = now, FactSequence = d.FactSequence + 1,
            State = InvitationState.Expired, ClosedAt = d.ExpiresAt,
        };
        return Transition.To(next, facts.Create(FactTypes.InviteExpired, d, next, now, (FactAttributeNames.ExpiredBy, FactActors.System)));
    }

    /// <summary>Record that a message could not be delivered. Not a state change, but a fact and a new version.</summary>
    public static (InvitationData Data, FactDraft Fact) RecordDeliveryFailure(InvitationData d, Instant now, MessageChannel channel, string error, FactFactory facts)
    {
        var next = d with { Version = d.Version + 1, UpdatedAt = now, FactSequence = d.FactSequence + 1 };
        var fact = facts.Create(
            FactTypes.InviteDeliveryFailed, d, next, now,
            (FactAttributeNames.Channel, channel == MessageChannel.Email ? "email" : "sms"),
            (FactAttributeNames.Error, error.Length > 500 ? error[..500] : error));
        return (next, fact);
    }

    private static Transition Close(
        InvitationData d, Instant now, InvitationCommand command, InvitationState target, string factType, (string Key, string Value) actor, FactFactory facts)
    {
        var cell = InvitationStateMachine.Decide(InvitationStateMachine.EffectiveState(d, now), command);
        if (!cell.Allowed)
        {
            return Transition.Fail(cell.ErrorCode);
        }

        // One record copy per transition: the version, time and fact sequence move with the state.
        var next = d with
        {
            Version = d.Version + 1, UpdatedAt = now, FactSequence = d.FactSequence + 1,
            State = target, TokenHash = null, ClosedAt = now,
        };
        return Transition.To(next, facts.Create(factType, d, next, now, actor));
    }
}
