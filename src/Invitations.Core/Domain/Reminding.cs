using System.Globalization;
using NodaTime;

namespace Invitations.Domain;

/// <summary>
/// The reminder transition, beside <see cref="Invitation"/>'s: pure, one fact. A reminder carries a live link, and the
/// store holds only the token's digest, so it rotates the token as a resend does (the previous link stops working) but
/// keeps the state, the expiry and the last send time: a reminder says "this invitation ends soon", it does not extend
/// it, and a later resend still renews for the invitation's original lifetime.
/// </summary>
internal static class Reminding
{
    /// <summary>Reminds of every schedule moment passed so far (<paramref name="passedMoments"/>, more than <see cref="InvitationData.ReminderCount"/>).</summary>
    public static Transition Remind(InvitationData d, Instant now, byte[] newTokenHash, int passedMoments, FactFactory facts)
    {
        if (!InvitationStateMachine.IsPending(InvitationStateMachine.EffectiveState(d, now)) || passedMoments <= d.ReminderCount)
        {
            return Transition.Fail(InvitationErrorCodes.InvalidStateTransition);
        }

        var next = d with
        {
            Version = d.Version + 1,
            UpdatedAt = now,
            FactSequence = d.FactSequence + 1,
            TokenHash = newTokenHash,
            ReminderCount = passedMoments,
            SendCount = d.SendCount + 1,
        };
        return Transition.To(next, facts.Create(FactTypes.InviteReminded, d, next, now, ("reminder", next.ReminderCount.ToString(CultureInfo.InvariantCulture))));
    }
}
