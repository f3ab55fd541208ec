using BenchmarkDotNet.Attributes;
using Invitations.Benchmarks.Fixtures;
using Invitations.Benchmarks.Floor;

namespace Invitations.Benchmarks.Benchmarks;

/// <summary>
/// Invite end to end on one thread: validate, token, link, Liquid render of subject + HTML + text,
/// the INVITE_USER fact, one atomic save (invitation + fact + message in the outbox). Every op invites
/// a new recipient into a store that is fresh at each iteration (so the store holds at most
/// <see cref="Ops"/> invitations). Inline dispatch is off: delivery is the background dispatcher's job.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Ops)]
public class InviteBenchmarks
{
    public const int Ops = 4096;

    private BenchHost? _host;
    private InviteRequest[] _requests = [];
    private FloorInvitations _floor = new();
    private FloorRequest[] _floorRequests = [];
    private int _i;

    [IterationSetup(Targets = [nameof(Library)])]
    public void SetupLibrary()
    {
        _host?.Dispose();
        _host = new BenchHost();
        _requests = BenchHost.Requests(Ops);
        _i = 0;
    }

    [IterationSetup(Targets = [nameof(Floor)])]
    public void SetupFloor()
    {
        _floor = new FloorInvitations();
        _floorRequests = FloorInvitations.Requests(Ops);
        _i = 0;
    }

    [IterationSetup(Targets = [nameof(FloorScriban)])]
    public void SetupFloorScriban()
    {
        _floor = new FloorInvitations(scribanRendering: true);
        _floorRequests = FloorInvitations.Requests(Ops);
        _i = 0;
    }

    [GlobalCleanup]
    public void Cleanup() => _host?.Dispose();

    [Benchmark(Baseline = true, Description = "floor: hand-written render")]
    public string? Floor() => _floor.Invite(_floorRequests[_i++]);

    [Benchmark(Description = "floor: Scriban, reused context")]
    public string? FloorScriban() => _floor.Invite(_floorRequests[_i++]);

    [Benchmark(Description = "ours: InviteAsync")]
    public Task<InvitationResult<InviteResult>> Library() => _host!.Manager.InviteAsync(_requests[_i++]);
}
