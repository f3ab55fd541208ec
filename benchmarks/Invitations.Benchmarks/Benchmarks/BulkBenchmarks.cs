using BenchmarkDotNet.Attributes;
using Invitations.Benchmarks.Fixtures;
using Invitations.Benchmarks.Floor;

namespace Invitations.Benchmarks.Benchmarks;

/// <summary>
/// A bulk invitation of <see cref="Batch"/> new recipients spread over all cores with
/// <see cref="Parallel.For(int, int, Action{int})"/> into one shared store (fresh at each iteration).
/// Reported per invitation (OperationsPerInvoke); the inverse of the mean is the throughput. Allocations
/// are summed over all threads.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class BulkBenchmarks
{
    public const int Batch = 8192;

    private BenchHost? _host;
    private InviteRequest[] _requests = [];
    private FloorInvitations _floor = new();
    private FloorRequest[] _floorRequests = [];

    [IterationSetup(Targets = [nameof(Library)])]
    public void SetupLibrary()
    {
        _host?.Dispose();
        _host = new BenchHost();
        _requests = BenchHost.Requests(Batch);
    }

    [IterationSetup(Targets = [nameof(Floor)])]
    public void SetupFloor()
    {
        _floor = new FloorInvitations();
        _floorRequests = FloorInvitations.Requests(Batch);
    }

    [GlobalCleanup]
    public void Cleanup() => _host?.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "floor: Parallel.For, hand-written")]
    public void Floor() => Parallel.For(0, Batch, i => _floor.Invite(_floorRequests[i]));

    [Benchmark(OperationsPerInvoke = Batch, Description = "ours: Parallel.For InviteAsync")]
    public void Library()
    {
        var service = _host!.Manager;
        var requests = _requests;
        Parallel.For(0, Batch, i =>
        {
            var r = service.InviteAsync(requests[i]).GetAwaiter().GetResult();
            if (!r.IsSuccess)
            {
                throw new InvalidOperationException(r.Error.ToString());
            }
        });
    }
}
