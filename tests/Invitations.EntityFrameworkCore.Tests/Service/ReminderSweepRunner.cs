using System.Reflection;

namespace Invitations.EntityFrameworkCore.Tests.Service;

/// <summary>
/// The library's reminder sweep (internal to Invitations.Core, run by the background maintenance), reached through the
/// host's container by reflection for the same reason as <see cref="ExpirySweep"/>.
/// </summary>
internal sealed class ReminderSweepRunner(IServiceProvider services)
{
    private static readonly Type Sweep = typeof(IInvitationManager).Assembly.GetType("Invitations.Reminders.ReminderSweep", throwOnError: true)!;

    private readonly object _sweep = services.GetService(Sweep) ?? throw new InvalidOperationException("AddInvitations registers the reminder sweep.");

    /// <summary>Runs one sweep; returns how many reminders this sweep saved.</summary>
    public async Task<int> RunAsync()
    {
        var task = (Task)Sweep.GetMethod("RemindDueAsync", BindingFlags.Public | BindingFlags.Instance)!.Invoke(_sweep, [CancellationToken.None])!;
        await task;
        var result = task.GetType().GetProperty("Result")!.GetValue(task)!;
        return (int)result.GetType().GetProperty("Reminded")!.GetValue(result)!;
    }
}
