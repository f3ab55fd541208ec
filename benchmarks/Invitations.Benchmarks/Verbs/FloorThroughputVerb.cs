using System.Globalization;
using Invitations.Benchmarks.Floor.Database;
using Invitations.Benchmarks.Verbs.AgainstFloor;
using Invitations.EntityFrameworkCore.Tests.Statements;

namespace Invitations.Benchmarks.Verbs;

/// <summary>
/// <c>throughput --vs-floor [--n 2000] [--bulk N] [--reps 3] [--callers 16] [--stores sqlite,sqlite-normal,postgres] [--warmup N] [--pg-options "No Reset On Close=true"] [--quick] [--pieces] [--store-calls]</c>
/// (issue 14): the library (IInvitationManager / IInvitationRedemption / IBulkInvitations over the EF Core store, inline
/// dispatch to a no-op transport) against the hand-written database floor (<see cref="FloorDatabase"/>) in one process,
/// interleaved (the order alternates per repetition), on each store: N invites then their N accepts from one caller,
/// the same from 16 concurrent callers (accept p50/p99 too), and (after all of those) one bulk run of N per repetition. Prints invites/s, accepts/s,
/// statements per operation, ours/floor per case (medians over the repetitions, range in brackets), and the goals.
/// <c>--pieces</c> times single statements of the hot path instead (<see cref="Pieces"/>); <c>--store-calls</c> also prints
/// the mean time of each store call of ours (<see cref="StoreCallTimes"/>).
/// </summary>
public static class FloorThroughputVerb
{
    public const string Switch = "--vs-floor";

    /// <summary>
    /// The default warm-up per side and phase: the library's EF Core path is thousands of methods the JIT compiles again
    /// at tier 1 only after their first calls; with the earlier 100 the first repetition of ours ran at half speed
    /// (store calls on PostgreSQL 110 µs warm against 200 µs after 1,000 calls, <c>--pieces</c>).
    /// </summary>
    private const int SteadyStateWarmUp = 2000;

    /// <summary>The warm-up's bulk run: two full batches of the default size, so the floor's batch statement is prepared before it is timed.</summary>
    private static readonly int WarmUpBulk = 2 * new BulkInviteOptions().BatchSize;

    private sealed record Settings(int N, int Bulk, int Reps, int Callers, int WarmUp, string[] Stores, bool StoreCalls);

    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var n = Int(args, "--n") ?? (quick ? 100 : 2000);
        var settings = new Settings(
            n,
            Int(args, "--bulk") ?? n,
            Int(args, "--reps") ?? (quick ? 1 : 3),
            Int(args, "--callers") ?? 16,
            Int(args, "--warmup") ?? (quick ? 32 : SteadyStateWarmUp),
            (Arg(args, "--stores") ?? string.Join(',', StoreCase.All.Select(s => s.Name))).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            args.Contains("--store-calls"));
        StoreCase.PostgresOptions = Arg(args, "--pg-options");
        var unknown = settings.Stores.Except(StoreCase.All.Select(s => s.Name)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Unknown store {string.Join(", ", unknown)}. Available: {string.Join(", ", StoreCase.All.Select(s => s.Name))}.");
            return 2;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput {string.Join(' ', args)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}; N = {settings.N:N0} invites then their accepts per case, bulk {settings.Bulk:N0}, {settings.Callers} concurrent callers, median of {settings.Reps} (range in brackets), warm-up {settings.WarmUp} per case"));
        foreach (var store in StoreCase.All.Where(s => settings.Stores.Contains(s.Name)))
        {
            Console.WriteLine();
            Console.WriteLine($"### {store.Title}");
            Console.WriteLine();
            if (store.SkipReason is { } reason)
            {
                Console.WriteLine($"skipped: {reason}");
                continue;
            }

            if (args.Contains("--pieces"))
            {
                Pieces.RunAsync(store, settings.N, settings.Reps).GetAwaiter().GetResult();
                continue;
            }

            RunStoreAsync(store, settings).GetAwaiter().GetResult();
        }

        return 0;
    }

    private static async Task RunStoreAsync(StoreCase store, Settings s)
    {
        var ct = CancellationToken.None;
        var oursLog = new StatementLog();
        var floorLog = new StatementLog();
        var ours = new OursContender(store.CreateOurs(oursLog), oursLog, s.StoreCalls ? new StoreCallTimes() : null);
        await using (ours.ConfigureAwait(false))
        {
            var floor = new FloorContender(store.CreateFloor(new FloorMessages(ours.Services, "Acme"), floorLog));
            await using (floor.ConfigureAwait(false))
            {
                IContender[] sides = [ours, floor];
                var offset = 0;
                foreach (var side in sides)
                {
                    await side.PrepareAsync(s.Callers, ct).ConfigureAwait(false);
                    var single = await Phases.InviteAsync(side, 1, offset, s.WarmUp, ct).ConfigureAwait(false);
                    await Phases.AcceptAsync(side, 1, single.Tokens, ct).ConfigureAwait(false);
                    var concurrent = await Phases.InviteAsync(side, s.Callers, offset + s.WarmUp, s.WarmUp, ct).ConfigureAwait(false);
                    await Phases.AcceptAsync(side, s.Callers, concurrent.Tokens, ct).ConfigureAwait(false);
                    side.TakeStatements();
                }

                offset += 2 * s.WarmUp;
                var results = new Results();
                for (var rep = 0; rep < s.Reps; rep++)
                {
                    var order = rep % 2 == 0 ? sides : [floor, ours];
                    foreach (var side in order)
                    {
                        var (seconds, cpu, allocated, tokens) = await Phases.InviteAsync(side, 1, offset, s.N, ct).ConfigureAwait(false);
                        results.Add(side.Name, Metric.InvitesSingle, s.N / seconds);
                        results.Add(side.Name, Metric.CpuPerInviteSingle, cpu * 1e6 / s.N);
                        results.Add(side.Name, Metric.BytesPerInviteSingle, allocated / (double)s.N);
                        results.Add(side.Name, Metric.StatementsPerInvite, side.TakeStatements() / (double)s.N);
                        var accepted = await Phases.AcceptAsync(side, 1, tokens, ct).ConfigureAwait(false);
                        results.Add(side.Name, Metric.AcceptsSingle, s.N / accepted.Seconds);
                        results.Add(side.Name, Metric.CpuPerAcceptSingle, accepted.CpuSeconds * 1e6 / s.N);
                        results.Add(side.Name, Metric.BytesPerAcceptSingle, accepted.Allocated / (double)s.N);
                        results.Add(side.Name, Metric.StatementsPerAccept, side.TakeStatements() / (double)s.N);
                    }

                    offset += s.N;
                    foreach (var side in order)
                    {
                        var (seconds, _, _, tokens) = await Phases.InviteAsync(side, s.Callers, offset, s.N, ct).ConfigureAwait(false);
                        results.Add(side.Name, Metric.InvitesConcurrent, s.N / seconds);
                        var accepted = await Phases.AcceptAsync(side, s.Callers, tokens, ct).ConfigureAwait(false);
                        results.Add(side.Name, Metric.AcceptsConcurrent, s.N / accepted.Seconds);
                        results.Add(side.Name, Metric.AcceptP50Concurrent, Phases.Percentile(accepted.LatenciesMs, 0.50));
                        results.Add(side.Name, Metric.AcceptP99Concurrent, Phases.Percentile(accepted.LatenciesMs, 0.99));
                        side.TakeStatements();
                    }

                    offset += s.N;
                    Console.Error.WriteLine($"  {store.Name}: repetition {rep + 1} of {s.Reps} done (single and concurrent)");
                }

                // The bulk runs come after every single and concurrent run: a bulk run leaves the database work to do
                // (autovacuum and analyze of the rows it inserted) that slowed whichever side ran next by up to half.
                foreach (var side in sides)
                {
                    await Phases.BulkAsync(side, offset, WarmUpBulk, ct).ConfigureAwait(false);
                    side.TakeStatements();
                    offset += WarmUpBulk;
                }

                for (var rep = 0; rep < s.Reps; rep++)
                {
                    foreach (var side in rep % 2 == 0 ? sides : [floor, ours])
                    {
                        var seconds = await Phases.BulkAsync(side, offset, s.Bulk, ct).ConfigureAwait(false);
                        results.Add(side.Name, Metric.InvitesBulk, s.Bulk / seconds);
                        results.Add(side.Name, Metric.StatementsPerBulkInvite, side.TakeStatements() / (double)s.Bulk);
                    }

                    offset += s.Bulk;
                }

                Report(store, s, results);
            }
        }
    }

    private static void Report(StoreCase store, Settings s, Results r)
    {
        string Row(string label, Metric metric, string format, bool higherIsBetter = true)
        {
            var ratio = r.Median("ours", metric) / r.Median("floor", metric);
            return $"| {label} | {r.Cell("ours", metric, format)} | {r.Cell("floor", metric, format)} | {ratio.ToString("0.00", CultureInfo.InvariantCulture)}{(higherIsBetter ? "" : " (lower is better)")} |";
        }

        var callers = s.Callers.ToString(CultureInfo.InvariantCulture);
        Console.WriteLine("| case | ours | floor | ours / floor |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine(Row("invites/s, 1 caller", Metric.InvitesSingle, "N0"));
        Console.WriteLine(Row("accepts/s, 1 caller", Metric.AcceptsSingle, "N0"));
        Console.WriteLine(Row($"invites/s, {callers} callers", Metric.InvitesConcurrent, "N0"));
        Console.WriteLine(Row($"accepts/s, {callers} callers", Metric.AcceptsConcurrent, "N0"));
        Console.WriteLine(Row($"accept p50 ms, {callers} callers", Metric.AcceptP50Concurrent, "0.00", higherIsBetter: false));
        Console.WriteLine(Row($"accept p99 ms, {callers} callers", Metric.AcceptP99Concurrent, "0.00", higherIsBetter: false));
        Console.WriteLine(Row("bulk invites/s (ours: InviteManyAsync; floor: one transaction per batch of 100)", Metric.InvitesBulk, "N0"));
        Console.WriteLine(Row("statements per invite (incl. inline delivery)", Metric.StatementsPerInvite, "0.00", higherIsBetter: false));
        Console.WriteLine(Row("statements per accept (incl. inline delivery)", Metric.StatementsPerAccept, "0.00", higherIsBetter: false));
        Console.WriteLine(Row("statements per bulk invite", Metric.StatementsPerBulkInvite, "0.00", higherIsBetter: false));
        Console.WriteLine(Row("this process's CPU µs per invite, 1 caller (median)", Metric.CpuPerInviteSingle, "N0", higherIsBetter: false));
        Console.WriteLine(Row("this process's CPU µs per accept, 1 caller (median)", Metric.CpuPerAcceptSingle, "N0", higherIsBetter: false));
        Console.WriteLine(Row("this process's bytes allocated per invite, 1 caller (median)", Metric.BytesPerInviteSingle, "N0", higherIsBetter: false));
        Console.WriteLine(Row("this process's bytes allocated per accept, 1 caller (median)", Metric.BytesPerAcceptSingle, "N0", higherIsBetter: false));

        Console.WriteLine();
        Console.WriteLine("Goals (issue 14):");
        foreach (var (label, metric) in new[] { ("invites, 1 caller", Metric.InvitesSingle), ("accepts, 1 caller", Metric.AcceptsSingle), ($"invites, {callers} callers", Metric.InvitesConcurrent), ($"accepts, {callers} callers", Metric.AcceptsConcurrent) })
        {
            Console.WriteLine($"- ≥ 0.7× the floor, {label}: {Verdict(r.Median("ours", metric) / r.Median("floor", metric), 0.7, "×")}");
        }

        var bulkOverSingle = r.Median("ours", Metric.InvitesBulk) / r.Median("ours", Metric.InvitesSingle);
        var floorBulkOverSingle = r.Median("floor", Metric.InvitesBulk) / r.Median("floor", Metric.InvitesSingle);
        Console.WriteLine($"- bulk ≥ 10× single invites on the same store: {Verdict(bulkOverSingle, 10, "×")} (the floor's bulk: {floorBulkOverSingle.ToString("0.0", CultureInfo.InvariantCulture)}× its single invites)");
        if (store.IsPostgres)
        {
            Console.WriteLine($"- PostgreSQL ≥ 1,000 invites/s from 1 caller: {Verdict(r.Median("ours", Metric.InvitesSingle), 1000, "/s")}");
            Console.WriteLine($"- PostgreSQL ≥ 4,000 invites/s from {callers} callers: {Verdict(r.Median("ours", Metric.InvitesConcurrent), 4000, "/s")}");
            Console.WriteLine($"- PostgreSQL ≥ 10,000 invites/s in bulk: {Verdict(r.Median("ours", Metric.InvitesBulk), 10000, "/s")}");
        }
    }

    private static string Verdict(double value, double goal, string unit)
    {
        var shown = unit == "×" ? value.ToString("0.00", CultureInfo.InvariantCulture) + "×" : value.ToString("N0", CultureInfo.InvariantCulture) + unit;
        return value >= goal
            ? $"met ({shown})"
            : string.Create(CultureInfo.InvariantCulture, $"missed: {shown}, {goal / value:0.00}× short of the goal");
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private static int? Int(string[] args, string name) => Arg(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
