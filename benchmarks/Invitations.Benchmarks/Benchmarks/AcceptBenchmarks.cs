using BenchmarkDotNet.Attributes;
using Invitations.Benchmarks.Fixtures;
using Invitations.Benchmarks.Floor;

namespace Invitations.Benchmarks.Benchmarks;

/// <summary>
/// Accept on one thread: hash the presented token, find by digest, constant-time compare, change state
/// (pending → accepted, with its INVITE_ACCEPTED fact in the outbox for the library), save. Each op
/// accepts a different pending invitation: <see cref="Ops"/> invitations are created in the iteration
/// setup (not measured) and each invocation takes the next token. Inline dispatch is off.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Ops)]
public class AcceptBenchmarks
{
    public const int Ops = 4096;
    private static readonly AcceptRequest Acceptance = new("user-42");

    private BenchHost? _host;
    private string[] _tokens = [];
    private FloorInvitations _floor = new();
    private int _i;

    [IterationSetup(Targets = [nameof(Library)])]
    public void SetupLibrary()
    {
        _host?.Dispose();
        _host = new BenchHost();
        _tokens = _host.SeedPending(Ops);
        _i = 0;
    }

    [IterationSetup(Targets = [nameof(Floor)])]
    public void SetupFloor()
    {
        _floor = new FloorInvitations();
        _tokens = Seed(_floor, Ops);
        _i = 0;
    }

    [GlobalCleanup]
    public void Cleanup() => _host?.Dispose();

    [Benchmark(Baseline = true, Description = "floor: hand-written")]
    public FloorInvitation? Floor() => _floor.Accept(_tokens[_i++], "user-42");

    [Benchmark(Description = "ours: AcceptAsync")]
    public Task<InvitationResult<AcceptResult>> Library() => _host!.Redemption.AcceptAsync(_tokens[_i++], Acceptance);

    internal static string[] Seed(FloorInvitations floor, int count)
    {
        var tokens = new string[count];
        for (var i = 0; i < count; i++)
        {
            tokens[i] = BenchHost.TokenOf(floor.Invite(FloorInvitations.Request(i))!);
        }

        return tokens;
    }
}
