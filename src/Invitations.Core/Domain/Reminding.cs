using System.Globalization;
using NodaTime;

namespace Invitations.Domain;

/// <summary>
/// The reminder transition, beside <see cref="Invitation"/>'s: pure, one fact. A reminder carries a live link, and the
/// store holds only the token's digest, so it rotates the token as a resend does (the previous link stops working) but
/// keeps the state and the expiry: a reminder says "this invitation ends soon", it does not extend it.
/// </summary>
internal static class Reminding
{
    public static Transition Remind(InvitationData d, Instant now, byte[] newTokenHash, FactFactory facts)
    {
        if (!InvitationStateMachine.IsPending(InvitationStateMachine.EffectiveState(d, now)))
        {
            return Transition.Fail(InvitationErrorCodes.InvalidStateTransition);
        }

        var next = d with
        {
            Version = d.Version + 1,
            UpdatedAt = now,
            FactSequence = d.FactSequence + 1,
            TokenHash = newTokenHash,
            ReminderCount = d.ReminderCount + 1,
            SendCount = d.SendCount + 1,
            LastSentAt = now,
        };
        return Transition.To(next, facts.Create(FactTypes.InviteReminded, d, next, now, ("reminder", next.ReminderCount.ToString(CultureInfo.InvariantCulture))));
    }
}
