using System.Collections;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Invitations.CrashHost;

/// <summary>
/// A pass-through <see cref="IInvitationStore"/> that reports the step boundaries the dispatcher crosses through its
/// store: saves with outbox items (and the one that records INVITE_DELIVERY_FAILED), claims, completions. Built with
/// <see cref="DispatchProxy"/> and matched on parameter and result types and name prefixes, not on a fixed list of
/// methods, so a store contract that grows (batch claims, batch saves) keeps its boundaries. It also records every
/// item leased to this process ("lease id"), to bound deliveries by leases.
/// </summary>
public class BoundaryStore : DispatchProxy
{
    private static readonly MethodInfo AfterMethod = typeof(BoundaryStore).GetMethod(nameof(AfterAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private IInvitationStore _inner = null!;
    private AppendLog _leases = null!;

    internal static IInvitationStore Wrap(IInvitationStore inner, AppendLog leases)
    {
        var proxy = Create<IInvitationStore, BoundaryStore>();
        var self = (BoundaryStore)(object)proxy;
        self._inner = inner;
        self._leases = leases;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }

        var type = targetMethod.ReturnType;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return AfterMethod.MakeGenericMethod(type.GetGenericArguments()[0]).Invoke(this, [result, targetMethod, args]);
        }

        return result;
    }

    private async ValueTask<T> AfterAsync<T>(ValueTask<T> call, MethodInfo method, object?[]? args)
    {
        var result = await call.ConfigureAwait(false);
        Observe(method.Name, args ?? [], result);
        return result;
    }

    private void Observe(string name, object?[] args, object? result)
    {
        if (result is LeasedWriteResult leased)
        {
            RecordLeases(leased.Leased);
        }

        if (name.StartsWith("Create", StringComparison.Ordinal) || name.StartsWith("Update", StringComparison.Ordinal))
        {
            var items = args.OfType<IReadOnlyList<OutboxItem>>().SelectMany(l => l).ToList();
            if (items.Count == 0 || !Saved(result))
            {
                return;
            }

            Boundaries.Cross(items.Any(i => i.Fact?.Type == FactTypes.InviteDeliveryFailed) ? Boundaries.FailureRecorded : Boundaries.Written);
        }
        else if (name.StartsWith("Claim", StringComparison.Ordinal) && result is IEnumerable claimed)
        {
            var items = claimed.OfType<OutboxItem>().ToList();
            RecordLeases(items);
            if (items.Count > 0)
            {
                Boundaries.Cross(Boundaries.Claimed);
            }
        }
        else if (name.StartsWith("Complete", StringComparison.Ordinal) && result is true or > 0)
        {
            Boundaries.Cross(Boundaries.Completed);
        }
    }

    private static bool Saved(object? result) => result switch
    {
        StoreWriteStatus status => status == StoreWriteStatus.Saved,
        LeasedWriteResult leased => leased.Status == StoreWriteStatus.Saved,
        _ => true,
    };

    private void RecordLeases(IEnumerable<OutboxItem> items)
    {
        foreach (var item in items)
        {
            _leases.Write($"lease {item.Id}");
        }
    }
}
