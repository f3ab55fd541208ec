using System.Diagnostics;

namespace Invitations.Benchmarks.Verbs.AgainstFloor;

/// <summary>The timed phases: invites and accepts from a number of concurrent callers, and one bulk run.</summary>
internal static class Phases
{
    /// <summary>
    /// <paramref name="count"/> invites of new recipients from <paramref name="callers"/> callers; returns the seconds,
    /// the process's CPU seconds (every thread: the side's own work, its driver's and the runtime's), the bytes the process allocated and the tokens.
    /// </summary>
    public static async Task<(double Seconds, double CpuSeconds, long Allocated, string[] Tokens)> InviteAsync(IContender contender, int callers, int offset, int count, CancellationToken cancellationToken)
    {
        var tokens = new string[count];
        var next = -1;
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var cpu = CpuSeconds();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(
            async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    tokens[i] = await contender.InviteAsync(caller, offset + i, cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken))).ConfigureAwait(false);
        return (Stopwatch.GetElapsedTime(started).TotalSeconds, CpuSeconds() - cpu, GC.GetTotalAllocatedBytes(precise: false) - allocated, tokens);
    }

    /// <summary>Accepts every token once from <paramref name="callers"/> callers; returns the seconds, the process's CPU seconds, the bytes it allocated and each accept's latency in milliseconds.</summary>
    public static async Task<(double Seconds, double CpuSeconds, long Allocated, double[] LatenciesMs)> AcceptAsync(IContender contender, int callers, string[] tokens, CancellationToken cancellationToken)
    {
        var latencies = new double[tokens.Length];
        var next = -1;
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var cpu = CpuSeconds();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(
            async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < tokens.Length; i = Interlocked.Increment(ref next))
                {
                    var begun = Stopwatch.GetTimestamp();
                    if (!await contender.AcceptAsync(caller, tokens[i], cancellationToken).ConfigureAwait(false))
                    {
                        throw new InvalidOperationException($"{contender.Name}: accept of a fresh invitation failed");
                    }

                    latencies[i] = Stopwatch.GetElapsedTime(begun).TotalMilliseconds;
                }
            },
            cancellationToken))).ConfigureAwait(false);
        return (Stopwatch.GetElapsedTime(started).TotalSeconds, CpuSeconds() - cpu, GC.GetTotalAllocatedBytes(precise: false) - allocated, latencies);
    }

    /// <summary>One bulk run of <paramref name="count"/> new recipients; returns the seconds.</summary>
    public static async Task<double> BulkAsync(IContender contender, int offset, int count, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var invited = await contender.InviteManyAsync(offset, count, cancellationToken).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return invited == count ? seconds : throw new InvalidOperationException($"{contender.Name}: bulk invited {invited} of {count}");
    }

    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The <paramref name="quantile"/> (0–1) of <paramref name="values"/>, nearest rank.</summary>
    public static double Percentile(double[] values, double quantile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
