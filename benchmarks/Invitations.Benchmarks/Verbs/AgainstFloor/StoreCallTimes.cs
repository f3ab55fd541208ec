using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Invitations.Benchmarks.Verbs.AgainstFloor;

/// <summary>
/// <c>--store-calls</c>: how long each store call of ours takes, wall clock from the call to its completion, by method
/// (and batch size), so a run shows where an invite or an accept spends its time. A diagnostic: the proxy adds a few
/// microseconds per call, so the rates of a run with it are not the ones to report.
/// </summary>
internal sealed class StoreCallTimes
{
    private readonly ConcurrentDictionary<string, (long Ticks, long Count)> _times = new(StringComparer.Ordinal);

    /// <summary>The store with every call timed.</summary>
    public IInvitationStore Wrap(IInvitationStore store)
    {
        var proxy = DispatchProxy.Create<IInvitationStore, TimingProxy>();
        ((TimingProxy)(object)proxy).Init(store, this);
        return proxy;
    }

    /// <summary>Prints the mean per call of each method (warm-up included) and forgets them.</summary>
    public void Print(TextWriter output)
    {
        output.WriteLine("| store call of ours (--store-calls) | calls | mean µs |");
        output.WriteLine("|---|---:|---:|");
        foreach (var (name, (ticks, count)) in _times.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var mean = (double)ticks / count / Stopwatch.Frequency * 1e6;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {count:N0} | {mean:N1} |"));
        }

        _times.Clear();
    }

    private void Add(string name, long started)
    {
        var elapsed = Stopwatch.GetTimestamp() - started;
        _times.AddOrUpdate(name, (elapsed, 1), (_, t) => (t.Ticks + elapsed, t.Count + 1));
    }

    /// <summary>Forwards each call and records when its task completes.</summary>
#pragma warning disable CA1852 // DispatchProxy needs a non-sealed proxy type.
    internal class TimingProxy : DispatchProxy
#pragma warning restore CA1852
    {
        private IInvitationStore _store = null!;
        private StoreCallTimes _times = null!;

        public void Init(IInvitationStore store, StoreCallTimes times) => (_store, _times) = (store, times);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            var started = Stopwatch.GetTimestamp();
            var result = targetMethod.Invoke(_store, args);
            var name = targetMethod.Name + (args is [System.Collections.ICollection { Count: > 1 } batch, ..] ? $" ({batch.Count} items)" : "");
            switch (result)
            {
                case ValueTask task:
                    var plain = task.AsTask();
                    plain.ContinueWith(_ => _times.Add(name, started), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    return new ValueTask(plain);
                case not null when result.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ValueTask<>):
                    var typed = (Task)type.GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(result, null)!;
                    typed.ContinueWith(_ => _times.Add(name, started), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    return Activator.CreateInstance(type, typed);
                default:
                    _times.Add(name, started);
                    return result;
            }
        }
    }
}
