using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Invitations.Benchmarks.Verbs;

// dotnet run -c Release --project benchmarks/Invitations.Benchmarks -- <verb or BenchmarkDotNet args>
//   gate                                   CI gate: short runs, fails on allocation goals (issue #3)
//   throughput --invites 200000 --store memory [--impl ours|floor] [--threads N]
//   throughput --vs-floor [--n 2000] [--reps 3] [--stores sqlite,sqlite-normal,postgres] [--quick]   ours against the hand-written database floor (issue 14)
//   alloc                                  allocation breakdown of invite/accept (GC.GetAllocatedBytesForCurrentThread)
//   check                                  prints each engine's output (template equivalence)
//   --filter '*' (or any BenchmarkDotNet switch)   the full benchmarks
return args.FirstOrDefault() switch
{
    "gate" => GateVerb.Run(args[1..]),
    "throughput" => ThroughputVerb.Run(args[1..]),
    "check" => CheckVerb.Run(args[1..]),
    "alloc" => AllocVerb.Run(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    // The generated benchmark project builds slowly on a busy 2-core machine: allow 10 minutes (default 2).
    var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(GateVerb).Assembly).Run(args, config);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}
