using System.ComponentModel.DataAnnotations;
using Invitations.Internal;

namespace Invitations;

/// <summary>Reminders before an invitation expires (<see cref="InvitationsOptions.Reminders"/>), sent by the background maintenance.</summary>
public sealed class ReminderOptions
{
    /// <summary>Whether reminders are sent.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool Enabled { get; set; }

    /// <summary>
    /// When reminders are due, as times before the expiry (<c>2.00:00:00</c> or <c>P2D</c> = two days before). A reminder
    /// is due once per entry whose moment lies after the last send; moments missed together while maintenance was down get
    /// one reminder, late, never one each. A list in configuration replaces the default.
    /// </summary>
    /// <value>The default is one reminder two days before expiry.</value>
    public IList<TimeSpan> Schedule { get; } = [TimeSpan.FromDays(2)];

    /// <summary>The most reminders per send of an invitation (a resend starts the count again); schedule moments after it are not reminded.</summary>
    /// <value>The default is 1.</value>
    [Bounds(0, 100, ErrorMessage = "Reminders.MaxCount must be between 0 and 100.")]
    public int MaxCount { get; set; } = 1;

    /// <summary>The template key of the reminder message; the built-in <c>INVITE_REMINDER</c> exists in English and German for e-mail and SMS.</summary>
    /// <value>The default is <c>INVITE_REMINDER</c>.</value>
    [Required(ErrorMessage = "Reminders.TemplateKey is required, for example INVITE_REMINDER.")]
    public string TemplateKey { get; set; } = "INVITE_REMINDER";
}
