using Invitations.Domain;
using NodaTime;

namespace Invitations.Reminders;

/// <summary>
/// When a reminder is due, as a pure rule: the invitation is pending, was sent (a skip-send invitation is the host's to
/// deliver), has had fewer than <c>MaxCount</c> reminders since its last send, and some schedule entry's moment
/// (<c>ExpiresAt − entry</c>) lies after its last send and at or before now. A reminder is itself a send, so the moment it
/// answered is no longer "after the last send": each moment is reminded once, and moments missed together once.
/// </summary>
internal static class ReminderSchedule
{
    public static bool IsDue(InvitationData d, Instant now, IEnumerable<TimeSpan> schedule, int maxCount)
    {
        if (d.SendCount == 0 || d.ReminderCount >= maxCount || !InvitationStateMachine.IsPending(InvitationStateMachine.EffectiveState(d, now)))
        {
            return false;
        }

        var lastSent = d.LastSentAt ?? d.CreatedAt;
        foreach (var before in schedule)
        {
            var moment = d.ExpiresAt - Duration.FromTimeSpan(before);
            if (moment > lastSent && moment <= now)
            {
                return true;
            }
        }

        return false;
    }
}
