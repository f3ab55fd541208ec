using Invitations.EntityFrameworkCore.Schema.Steps;

namespace Invitations.EntityFrameworkCore.Schema;

/// <summary>
/// Every schema step, in order. To add one: write <c>Steps/StepNNNN&lt;Name&gt;.cs</c> (a static class with a
/// <see cref="SchemaStep"/> named <c>Step</c>, idempotent, for SQLite and PostgreSQL), add it at the end of
/// <see cref="All"/> with the next number, and map the same change in the model (<c>ApplyInvitationsModel</c>), so
/// new databases get it from <c>EnsureCreated</c> and existing ones from the step (docs/operations.md).
/// </summary>
internal static class SchemaSteps
{
    public static IReadOnlyList<SchemaStep> All { get; } =
    [
        Step0001WidenColumns.Step,
        Step0002RecipientKeys.Step,
        Step0003BulkRuns.Step,
        Step0004OutboxLanes.Step,
        Step0005TraceRemindersShortLinks.Step,
    ];

    /// <summary>The version a database is at once every step is applied.</summary>
    public static int Latest => All[^1].Version;
}
