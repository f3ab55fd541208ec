using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Invitations.Benchmarks.Fixtures;
using Invitations.Benchmarks.Floor;

namespace Invitations.Benchmarks.Benchmarks;

/// <summary>
/// Facts as a webhook receiver gets them: the fact serialized to JSON (the library's hand-written
/// <see cref="InvitationJson.SerializeFact(FactDraft)"/>) and signed per Standard Webhooks (HMAC-SHA256 over
/// <c>{id}.{timestamp}.{body}</c>, same <see cref="WebhookSigner"/> for both sides).
/// "accept+fact+sign": AcceptAsync on a fresh pending invitation, then the INVITE_ACCEPTED fact it saved
/// (taken from the outbox items of that save via <see cref="CapturingStore"/>) serialized and signed.
/// "fact+sign": one prepared INVITE_ACCEPTED fact serialized and signed.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Ops)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FactsSigningBenchmarks
{
    public const int Ops = 4096;
    private static readonly AcceptRequest Acceptance = new("user-42");

    private BenchHost? _host;
    private CapturingStore? _capturing;
    private string[] _tokens = [];
    private FloorInvitations _floor = new();
    private int _i;
    private InvitationFact _fact = null!;
    private FloorInvitation _floorInvitation = null!;

    [GlobalSetup]
    public void Global()
    {
        using var host = new BenchHost(store: _ => new CapturingStore(new InMemoryInvitationStore()));
        var capturing = (CapturingStore)host.Store;
        var token = host.SeedPending(1)[0];
        _ = host.Redemption.AcceptAsync(token, Acceptance).GetAwaiter().GetResult();
        _fact = capturing.LastOutbox![0].Fact!;

        var floor = new FloorInvitations();
        var floorToken = BenchHost.TokenOf(floor.Invite(FloorInvitations.Request(0))!);
        _floorInvitation = floor.Accept(floorToken, "user-42")!;
    }

    [IterationSetup(Targets = [nameof(Library)])]
    public void SetupLibrary()
    {
        _host?.Dispose();
        _host = new BenchHost(store: _ => new CapturingStore(new InMemoryInvitationStore()));
        _capturing = (CapturingStore)_host.Store;
        _tokens = _host.SeedPending(Ops);
        _i = 0;
    }

    [IterationSetup(Targets = [nameof(Floor)])]
    public void SetupFloor()
    {
        _floor = new FloorInvitations();
        _tokens = AcceptBenchmarks.Seed(_floor, Ops);
        _i = 0;
    }

    [GlobalCleanup]
    public void Cleanup() => _host?.Dispose();

    [BenchmarkCategory("accept+fact+sign"), Benchmark(Baseline = true, Description = "floor: accept + Utf8JsonWriter + HMAC")]
    public string? Floor() => _floor.AcceptFactSign(_tokens[_i++], "user-42");

    [BenchmarkCategory("accept+fact+sign"), Benchmark(Description = "ours: AcceptAsync + SerializeFact + HMAC")]
    public async Task<string?> Library()
    {
        var result = await _host!.Redemption.AcceptAsync(_tokens[_i++], Acceptance).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return null;
        }

        // The draft as the outbox carries it (what a store writes), serialized straight from its records.
        var draft = _capturing!.LastOutbox![0].Draft;
        var body = InvitationJson.SerializeFact(draft);
        return WebhookSigner.Default.Sign(draft.Envelope.Id.Value, draft.Envelope.OccurredAt.ToUnixTimeSeconds(), body);
    }

    [BenchmarkCategory("fact+sign"), Benchmark(Baseline = true, Description = "floor: Utf8JsonWriter + HMAC")]
    public string FloorFactOnly()
    {
        var id = Guid.CreateVersion7();
        var body = FloorInvitations.WriteFact(_floorInvitation, "INVITE_ACCEPTED", id, "user-42").ToArray();
        return WebhookSigner.Default.Sign(id, 1_772_721_000, body);
    }

    [BenchmarkCategory("fact+sign"), Benchmark(Description = "ours: SerializeFact + HMAC")]
    public string LibraryFactOnly()
    {
        var body = InvitationJson.SerializeFact(_fact);
        return WebhookSigner.Default.Sign(_fact.Id.Value, _fact.OccurredAt.ToUnixTimeSeconds(), body);
    }
}
