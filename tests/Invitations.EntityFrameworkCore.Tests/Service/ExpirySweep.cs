using System.Reflection;

namespace Invitations.EntityFrameworkCore.Tests.Service;

/// <summary>
/// The library's expiry sweep (internal to Invitations.Core, which the background service runs), reached through the
/// host's container. Reflection because Invitations.Core cannot grant this assembly its internals: both packages compile
/// the same shared internal types, which would then clash here.
/// </summary>
internal sealed class ExpirySweep(IServiceProvider services)
{
    private static readonly Type Maintenance = typeof(IInvitationManager).Assembly.GetType("Invitations.Maintenance.InvitationMaintenance", throwOnError: true)!;

    private readonly object _maintenance = services.GetService(Maintenance) ?? throw new InvalidOperationException("AddInvitations registers the expiry sweep.");

    /// <summary>Runs one sweep; returns how many invitations this sweep persisted as Expired.</summary>
    public async Task<int> RunAsync()
    {
        var task = (Task)Maintenance.GetMethod("ExpireDueAsync", BindingFlags.Public | BindingFlags.Instance)!.Invoke(_maintenance, [CancellationToken.None])!;
        await task;
        var result = task.GetType().GetProperty("Result")!.GetValue(task)!;
        return (int)result.GetType().GetProperty("Expired")!.GetValue(result)!;
    }
}
