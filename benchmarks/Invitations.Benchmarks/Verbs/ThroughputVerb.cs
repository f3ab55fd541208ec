using System.Diagnostics;
using System.Globalization;
using Invitations.Benchmarks.Fixtures;
using Invitations.Benchmarks.Floor;
using Invitations.EntityFrameworkCore.Tests.Statements;

namespace Invitations.Benchmarks.Verbs;

/// <summary>
/// <c>throughput --invites 200000 --store memory [--impl ours|floor|bulk] [--threads N]</c>: invites that many
/// new recipients into one store with <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>
/// on all cores (after a separate warm-up), and reports invites/s, the managed heap after a full GC, and
/// the process's peak working set (<see cref="Process.PeakWorkingSet64"/>). Requests are built inside
/// the loop (as they would arrive), so the store's content is all that accumulates.
/// <c>--dispatch inline</c> (default, the library's default): each save is dispatched in the caller's
/// request to a sender and a webhook sink that discard (the host's transport), so outbox items are
/// completed and message bodies leave memory; the store keeps the invitations and their delivered facts.
/// <c>--dispatch off</c>: nothing is delivered; every invitation keeps its fact and its rendered message
/// in the pending outbox. The floor follows the same switch (keeps its rendered message or not).
/// </summary>
public static class ThroughputVerb
{
    /// <summary>Every statement the EF Core store runs (SQLite's own trace; on PostgreSQL its commands and transactions).</summary>
    private static readonly StatementLog Statements = new();

    public static int Run(string[] args)
    {
        if (args.Contains(FloorThroughputVerb.Switch))
        {
            return FloorThroughputVerb.Run(args);
        }

        var invites = int.Parse(Arg(args, "--invites") ?? "200000", CultureInfo.InvariantCulture);
        var store = Arg(args, "--store") ?? "memory";
        var impl = Arg(args, "--impl") ?? "ours";
        var threads = int.Parse(Arg(args, "--threads") ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var inline = !string.Equals(Arg(args, "--dispatch") ?? "inline", "off", StringComparison.OrdinalIgnoreCase);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };

        // Warm-up (JIT, tiering) on a throw-away store: 10 % of the run, between 1,000 and 20,000 invitations.
        RunOnce(impl, store, inline, Math.Clamp(invites / 10, 1_000, 20_000), parallel, offset: 10_000_000);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var pauseBefore = GC.GetTotalPauseDuration();
        Statements.Take();
        var (elapsed, keep) = RunOnce(impl, store, inline, invites, parallel, offset: 0);
        var statements = Statements.Take().Count;
        var paused = GC.GetTotalPauseDuration() - pauseBefore;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(keep);
        using var process = Process.GetCurrentProcess();
        process.Refresh();

        var rate = invites / elapsed.TotalSeconds;
        var peakMiB = process.PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput: impl={impl} store={store} dispatch={(inline ? "inline (discarding transport)" : "off (outbox keeps messages)")} invites={invites:N0} threads={threads} cores={Environment.ProcessorCount}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  elapsed          {elapsed.TotalSeconds:0.000} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  invites/s        {rate:N0}   (goal ≥ 60,000)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  retained heap    {(heapAfter - heapBefore) / (1024.0 * 1024.0):0.0} MiB ({(heapAfter - heapBefore) / (double)invites:N0} B per stored invitation incl. its outbox)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  peak working set {peakMiB:0.0} MiB   (goal ≤ 250 MiB for 200,000)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  gc pauses        {paused.TotalSeconds:0.000} s ({paused / elapsed:P0} of the run)"));
        if (statements > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  statements       {statements / (double)invites:0.00} per invite incl. inline delivery ({statements:N0} in all; every statement the database ran, BEGIN and COMMIT included)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  gc counts        gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)}; server GC={System.Runtime.GCSettings.IsServerGC}"));
        return 0;
    }

    private static (TimeSpan Elapsed, object Keep) RunOnce(string impl, string store, bool inline, int count, ParallelOptions parallel, int offset)
    {
        if (string.Equals(impl, "floor", StringComparison.OrdinalIgnoreCase))
        {
            var floor = new FloorInvitations(keepMessage: !inline);
            var swf = Stopwatch.StartNew();
            Parallel.For(0, count, parallel, i =>
            {
                if (floor.Invite(FloorInvitations.Request(offset + i)) is null)
                {
                    throw new InvalidOperationException("floor invite failed");
                }
            });
            return (swf.Elapsed, floor);
        }

        var host = new BenchHost(store: _ => StoreFactories.Create(store, Statements), dispatchInline: inline, transports: inline ? DiscardingTransport.Register : null);
        var service = host.Manager;
        if (string.Equals(impl, "bulk", StringComparison.OrdinalIgnoreCase))
        {
            // Issue #6: one streamed InviteManyAsync run; outcomes are counted, never collected.
            var swb = Stopwatch.StartNew();
            var invited = 0;
            var options = new BulkInviteOptions { MaxDegreeOfParallelism = parallel.MaxDegreeOfParallelism > 0 ? parallel.MaxDegreeOfParallelism : Environment.ProcessorCount };
            var outcomes = host.Bulk.InviteManyAsync(Requests(offset, count), options);
            var enumerator = outcomes.GetAsyncEnumerator();
            try
            {
                while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    invited += enumerator.Current.Status == BulkInviteStatus.Invited ? 1 : throw new InvalidOperationException(enumerator.Current.ToString());
                }
            }
            finally
            {
                enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return (swb.Elapsed, host);
        }

        var sw = Stopwatch.StartNew();
        Parallel.For(0, count, parallel, i =>
        {
            var r = service.InviteAsync(BenchHost.Request(offset + i)).GetAwaiter().GetResult();
            if (!r.IsSuccess)
            {
                throw new InvalidOperationException(r.Error.ToString());
            }
        });
        return (sw.Elapsed, host);
    }

    private static async IAsyncEnumerable<InviteRequest> Requests(int offset, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return BenchHost.Request(offset + i);
        }

        await Task.CompletedTask;
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
