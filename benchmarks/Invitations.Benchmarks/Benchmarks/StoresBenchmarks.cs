using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Invitations.Benchmarks.Fixtures;
using Invitations.Benchmarks.Floor;

namespace Invitations.Benchmarks.Benchmarks;

/// <summary>
/// The store alone. "create": one atomic create (invitation + its INVITE_USER fact item) into a store
/// fresh at each iteration. "find-by-token": a lookup by token digest among 10,000 stored invitations.
/// Ours: <see cref="InMemoryInvitationStore"/>; floor: a locked <see cref="Dictionary{TKey,TValue}"/>.
/// The store comes from <see cref="StoreFactories"/>, so SQLite/PostgreSQL join by adding a factory.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Ops)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StoresBenchmarks
{
    public const int Ops = 4096;
    private const int Stored = 10_000;

    /// <summary>The stores to compare: <c>INVITATIONS_BENCH_STORES=memory,sqlite,postgres</c> (default: memory).</summary>
    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = "memory";

    public static IEnumerable<string> Stores =>
        (Environment.GetEnvironmentVariable("INVITATIONS_BENCH_STORES") ?? "memory").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private IInvitationStore _store = null!;
    private InvitationData[] _data = [];
    private IReadOnlyList<OutboxItem>[] _outbox = [];
    private byte[][] _hashes = [];
    private Hash256[] _floorHashes = [];
    private Dictionary<Guid, InvitationData> _floorById = [];
    private Dictionary<Hash256, InvitationData> _floorByHash = [];
    private readonly object _gate = new();
    private int _i;

    [IterationSetup(Targets = [nameof(LibraryCreate), nameof(FloorCreate)])]
    public void SetupCreate()
    {
        (_data, _outbox) = StoreFixtures.Invitations(Ops);
        _store = StoreFactories.Create(Store);
        _floorById = [];
        _floorByHash = [];
        _i = 0;
    }

    [IterationSetup(Targets = [nameof(LibraryFind), nameof(FloorFind)])]
    public void SetupFind()
    {
        if (_hashes.Length == 0)
        {
            (_data, _outbox) = StoreFixtures.Invitations(Stored);
            _store = StoreFactories.Create(Store);
            _floorById = [];
            _floorByHash = [];
            _floorHashes = new Hash256[Stored];
            _hashes = new byte[Stored][];
            for (var i = 0; i < Stored; i++)
            {
                _store.CreateAsync(_data[i], _outbox[i], default).AsTask().GetAwaiter().GetResult();
                _floorById.Add(_data[i].Id.Value, _data[i]);
                _floorHashes[i] = Hash256.From(_data[i].TokenHash);
                _floorByHash.Add(_floorHashes[i], _data[i]);
                _hashes[i] = (byte[])_data[i].TokenHash!.Clone();
            }
        }

        _i = 0;
    }

    [BenchmarkCategory("create"), Benchmark(Baseline = true, Description = "floor: locked Dictionary")]
    public bool FloorCreate()
    {
        var d = _data[_i];
        var fact = _outbox[_i++];
        lock (_gate)
        {
            _floorById.Add(d.Id.Value, d);
            _floorByHash.Add(Hash256.From(d.TokenHash), d);
            return fact.Count > 0;
        }
    }

    [BenchmarkCategory("create"), Benchmark(Description = "ours: IInvitationStore.CreateAsync")]
    public ValueTask<StoreWriteStatus> LibraryCreate() => _store.CreateAsync(_data[_i], _outbox[_i++], default);

    [BenchmarkCategory("find-by-token"), Benchmark(Baseline = true, Description = "floor: Dictionary<Hash256,_>")]
    public InvitationData? FloorFind()
    {
        var key = _floorHashes[_i++ % Stored];
        lock (_gate)
        {
            return _floorByHash.GetValueOrDefault(key);
        }
    }

    [BenchmarkCategory("find-by-token"), Benchmark(Description = "ours: FindByTokenHashAsync")]
    public ValueTask<InvitationData?> LibraryFind() => _store.FindByTokenHashAsync(_hashes[_i++ % Stored], default);
}

/// <summary>Stored invitations built once from a real invite and copied with unique ids, recipients and digests.</summary>
internal static class StoreFixtures
{
    private static (InvitationData Data, IReadOnlyList<OutboxItem> Outbox)? s_prototype;

    public static (InvitationData[] Data, IReadOnlyList<OutboxItem>[] Outbox) Invitations(int count)
    {
        var (proto, protoOutbox) = s_prototype ??= Prototype();
        var data = new InvitationData[count];
        var outbox = new IReadOnlyList<OutboxItem>[count];
        for (var i = 0; i < count; i++)
        {
            var id = new InvitationId(Guid.CreateVersion7());
            var hash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            data[i] = proto with { Id = id, RecipientKey = "email:jane.doe" + i + "@example.com", Email = "jane.doe" + i + "@example.com", TokenHash = hash };
            outbox[i] = [protoOutbox[0] with { Id = new OutboxItemId(Guid.CreateVersion7()), InvitationId = id, Fact = protoOutbox[0].Fact! with { ObjectId = id } }];
        }

        return (data, outbox);
    }

    private static (InvitationData, IReadOnlyList<OutboxItem>) Prototype()
    {
        using var host = new BenchHost(store: _ => new CapturingStore(new InMemoryInvitationStore()));
        var result = host.Manager.InviteAsync(BenchHost.Request(0)).GetAwaiter().GetResult().Value;
        var data = host.Store.FindAsync(result.Invitation.Id, default).AsTask().GetAwaiter().GetResult()!;
        return (data, ((CapturingStore)host.Store).LastOutbox!);
    }
}
