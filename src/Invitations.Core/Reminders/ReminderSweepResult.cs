namespace Invitations.Reminders;

/// <summary>What one reminder sweep did.</summary>
internal sealed record ReminderSweepResult
{
    /// <summary>Reminders this sweep saved (and queued); a reminder another sweeper saved first is not counted.</summary>
    public int Reminded { get; init; }
}
