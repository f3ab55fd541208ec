using System.Globalization;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Invitations.Benchmarks.Benchmarks;

namespace Invitations.Benchmarks.Verbs;

/// <summary>
/// The CI gate: runs the library's benchmarks and their floors briefly (in-process, 1 warm-up + 3
/// measured iterations) and fails when the ALLOCATED BYTES per operation of the library exceed the
/// goals of issue #3. Times are reported next to their goals, never gated (CI machines are noisy).
/// Allocation numbers come from BenchmarkDotNet's <see cref="BenchmarkReport.GcStats"/>.
/// </summary>
public static class GateVerb
{
    /// <summary>What is gated: the library's benchmark, its floor/peer, the allocation goal (gated) and the time goal (reported).</summary>
    /// <remarks>
    /// <c>CeilingBytes</c> is a ratchet for a goal the library does not meet (issue #3 ended blocked on it: docs/performance.md says why):
    /// above the goal but within the ceiling prints "MISSED" without failing; above the ceiling fails, so the
    /// miss can only shrink. Lower the ceiling whenever an optimization lands; remove it once the goal is met.
    /// </remarks>
    public sealed record Goal(string Operation, Type Type, string Method, string? Reference, long MaxBytes, double TimeGoalNs, string TimeGoalText, long? CeilingBytes = null);

    public static IReadOnlyList<Goal> Goals { get; } =
    [
        new("invite end to end", typeof(InviteBenchmarks), nameof(InviteBenchmarks.Library), nameof(InviteBenchmarks.Floor), 12 * 1024, 25_000, "≤ 25 µs"),
        new("accept", typeof(AcceptBenchmarks), nameof(AcceptBenchmarks.Library), nameof(AcceptBenchmarks.Floor), 256, 2_000, "≤ 2 µs", CeilingBytes: 1_280),
        new("accept + fact + sign", typeof(FactsSigningBenchmarks), nameof(FactsSigningBenchmarks.Library), nameof(FactsSigningBenchmarks.Floor), 1536, 8_000, "≤ 8 µs", CeilingBytes: 2_850),
        new("render one e-mail", typeof(TemplatesBenchmarks), nameof(TemplatesBenchmarks.Library), nameof(TemplatesBenchmarks.Floor), 8 * 1024, 10_000, "≤ 10 µs"),
    ];

    public static int Run(string[] args)
    {
        var verbose = args.Contains("--verbose");
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithId("gate");
        var methods = Goals.SelectMany(g => g.Reference is null ? [g.Method] : new[] { g.Method, g.Reference }).ToHashSet();
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(verbose ? ConsoleLogger.Default : new QuietLogger())
            .AddFilter(new SimpleFilter(c => methods.Contains(c.Descriptor.WorkloadMethod.Name)))
            .WithArtifactsPath(Path.Combine("BenchmarkDotNet.Artifacts", "gate"))
            .WithOptions(ConfigOptions.DisableLogFile);

        var started = DateTime.UtcNow;
        var summaries = BenchmarkRunner.Run(Goals.Select(g => g.Type).Distinct().ToArray(), config);
        var reports = summaries.SelectMany(s => s.Reports).ToList();

        var failures = 0;
        var missed = 0;
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine("Benchmark gate (issue #3): allocated bytes per operation are gated; times are informative only.");
        sb.AppendLine();
        sb.AppendLine("| operation | ours allocated | goal (gated) | status | ours mean | time goal | floor mean | floor allocated | ratio (time) |");
        sb.AppendLine("|---|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var g in Goals)
        {
            var ours = Find(reports, g.Type, g.Method);
            var floor = g.Reference is null ? null : Find(reports, g.Type, g.Reference);
            var bytes = Bytes(ours);
            var mean = ours?.ResultStatistics?.Mean;
            var floorMean = floor?.ResultStatistics?.Mean;
            string status;
            if (bytes is null)
            {
                status = "FAIL (no result)";
                failures++;
            }
            else if (bytes > g.MaxBytes && g.CeilingBytes is { } ceiling && bytes <= ceiling)
            {
                status = $"MISSED goal by {bytes - g.MaxBytes:N0} B (known, issue #3; ratchet ceiling {Size(ceiling)} holds)";
                missed++;
            }
            else if (bytes > g.MaxBytes)
            {
                status = g.CeilingBytes is { } over ? $"FAIL (+{bytes - over:N0} B over the ratchet ceiling)" : $"FAIL (+{bytes - g.MaxBytes:N0} B)";
                failures++;
            }
            else
            {
                status = "pass";
            }

            var timeNote = mean is null ? "n/a" : mean <= g.TimeGoalNs ? Time(mean) : Time(mean) + " (over)";
            sb.Append(CultureInfo.InvariantCulture, $"| {g.Operation} | {Size(bytes)} | ≤ {Size(g.MaxBytes)} | {status} | {timeNote} | {g.TimeGoalText} | {Time(floorMean)} | {Size(Bytes(floor))} | ")
              .AppendLine(mean is null || floorMean is null or 0 ? "n/a |" : $"{mean / floorMean:0.00} |");
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"gate wall time: {(DateTime.UtcNow - started).TotalSeconds:0} s; {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        sb.AppendLine(failures > 0
            ? $"benchmark gate: FAIL ({failures} allocation limit(s) exceeded)"
            : missed > 0 ? $"benchmark gate: PASS with {missed} goal(s) still MISSED (held at their ratchet ceilings)" : "benchmark gate: PASS");
        Console.WriteLine(sb.ToString());
        Directory.CreateDirectory(Path.Combine("BenchmarkDotNet.Artifacts", "gate"));
        File.WriteAllText(Path.Combine("BenchmarkDotNet.Artifacts", "gate", "gate.md"), sb.ToString());
        return failures == 0 ? 0 : 1;
    }

    private static BenchmarkReport? Find(List<BenchmarkReport> reports, Type type, string method) =>
        reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Type == type && r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);

    private static long? Bytes(BenchmarkReport? r) => r is null || r.ResultStatistics is null ? null : r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase);

    private static string Size(long? bytes) => bytes switch
    {
        null => "n/a",
        < 1024 => $"{bytes} B",
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.00} KB"),
    };

    private static string Time(double? ns) => ns switch
    {
        null => "n/a",
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{ns:0} ns"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1000:0.00} µs"),
    };

    /// <summary>Keeps BenchmarkDotNet's progress quiet except errors, so the CI log shows the table.</summary>
    private sealed class QuietLogger : ILogger
    {
        public string Id => "quiet";
        public int Priority => 0;
        public void Flush() { }
        public void Write(LogKind logKind, string text) { if (logKind == LogKind.Error) { Console.Error.Write(text); } }
        public void WriteLine() { }
        public void WriteLine(LogKind logKind, string text) { if (logKind == LogKind.Error) { Console.Error.WriteLine(text); } }
    }
}
