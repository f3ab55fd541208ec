using Invitations.Domain;
using NodaTime;

namespace Invitations.Reminders;

/// <summary>
/// When a reminder is due, as a pure rule. The schedule's moments (<c>ExpiresAt − entry</c>) that lie after the last send
/// or resend and at or before now have "passed"; the invitation records in <see cref="InvitationData.ReminderCount"/> how
/// many passed moments it was reminded of. A reminder is due when more moments passed than were reminded, fewer than
/// <c>MaxCount</c> were, the invitation is pending, and it was sent (a skip-send invitation is the host's to deliver). A
/// reminder covers every moment passed so far, so moments missed while maintenance was down are reminded once, not once
/// each. The last send time is left alone by reminders: a later resend renews the invitation for its original lifetime.
/// </summary>
internal static class ReminderSchedule
{
    /// <summary>How many of the schedule's moments passed since the last send; 0 when no reminder applies at all.</summary>
    public static int PassedMoments(InvitationData d, Instant now, IEnumerable<TimeSpan> schedule)
    {
        var lastSent = d.LastSentAt ?? d.CreatedAt;
        var passed = 0;
        foreach (var before in schedule)
        {
            var moment = d.ExpiresAt - Duration.FromTimeSpan(before);
            if (moment > lastSent && moment <= now)
            {
                passed++;
            }
        }

        return passed;
    }

    public static bool IsDue(InvitationData d, Instant now, IEnumerable<TimeSpan> schedule, int maxCount) =>
        d.SendCount > 0 && d.ReminderCount < maxCount
        && InvitationStateMachine.IsPending(InvitationStateMachine.EffectiveState(d, now))
        && PassedMoments(d, now, schedule) > d.ReminderCount;
}
