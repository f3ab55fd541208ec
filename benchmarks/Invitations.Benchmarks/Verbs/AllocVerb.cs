using System.Globalization;
using Invitations.Benchmarks.Fixtures;
using Invitations.Delivery;
using Invitations.Domain;
using Invitations.Inviting;
using Invitations.Links;
using Invitations.Templates;
using Invitations.Tokens;
using Invitations.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Benchmarks.Verbs;

/// <summary>
/// <c>alloc</c>: where the library's allocations come from. Repeats each piece of the invite and accept
/// paths (calling the same internals the service calls, in the same order) between two
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> readings, after warm-up, and prints bytes per
/// call. The pieces do not add up to the whole exactly: the remainder is the async machinery, closures
/// and result wrappers of the service itself.
/// </summary>
public static class AllocVerb
{
    private const int N = 2000;

    public static int Run(string[] args)
    {
        var rows = new List<(string Path, string Piece, Cost Cost)>();
        Accept(rows);
        Invite(rows);
        FactSign(rows);
        Console.WriteLine("| path | piece | bytes per call | ns per call (indicative) |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var (path, piece, cost) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {path} | {piece} | {cost.Bytes:N0} | {(cost.Nanoseconds is { } ns ? ns.ToString("N0", CultureInfo.InvariantCulture) : "")} |"));
        }

        return 0;
    }

    /// <summary>Bytes allocated and wall time per call; the time is one pass, single-threaded, so only indicative.</summary>
    private readonly record struct Cost(double Bytes, double? Nanoseconds)
    {
        public static implicit operator Cost(int bytes) => new(bytes, null);

        public static Cost operator -(Cost a, Cost b) => new(a.Bytes - b.Bytes, a.Nanoseconds - b.Nanoseconds);
    }

    private static Cost Measure(int n, Action<int> action)
    {
        for (var i = 0; i < Math.Min(n, 200); i++)
        {
            action(i); // warm-up on the first items (JIT, tiering, lazy statics)
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = Math.Min(n, 200); i < n; i++)
        {
            action(i);
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var calls = (double)(n - Math.Min(n, 200));
        return new((GC.GetAllocatedBytesForCurrentThread() - before) / calls, elapsed.TotalNanoseconds / calls);
    }

    private static void Accept(List<(string, string, Cost)> rows)
    {
        var acceptance = new AcceptRequest("user-42");
        using (var host = new BenchHost())
        {
            var tokens = host.SeedPending(N);
            rows.Add(("accept", "**AcceptAsync total** (service, in-memory store, inline dispatch off)", Measure(N, i => host.Redemption.AcceptAsync(tokens[i], acceptance).GetAwaiter().GetResult())));
        }

        using (var host = new BenchHost())
        {
            var tokens = host.SeedPending(N);
            var store = host.Store;
            var options = host.Services.GetRequiredService<IOptions<InvitationsOptions>>().Value;
            var facts = new FactFactory(options.Links.FactUrlTemplate);
            var data = new InvitationData[N];
            var hashes = new byte[N][];
            var now = SystemClock.Instance.GetCurrentInstant();
            rows.Add(("accept", "token digest buffer `new byte[32]` + TryHash", Measure(N, i =>
            {
                hashes[i] = new byte[InvitationToken.HashLength];
                InvitationToken.TryHash(tokens[i], hashes[i]);
            })));
            rows.Add(("accept", "store.FindByTokenHashAsync + DigestEquals", Measure(N, i => data[i] = store.FindByTokenHashAsync(hashes[i], default).GetAwaiter().GetResult()!)));
            var transitions = new Transition[N];
            rows.Add(("accept", "Invitation.Accept (one `with` copy of InvitationData + fact)", Measure(N, i => transitions[i] = Invitation.Accept(data[i], now, "user-42", facts))));
            rows.Add(("accept", "  of which FactFactory.Create (envelope + attributes in fields; snapshots projected only where a receiver gets the fact)", Measure(N, i => facts.Create(FactTypes.InviteAccepted, data[i], transitions[i].Data!, now, null))));
            rows.Add(("accept", "  (for comparison: one InvitationData.ToSnapshot, which facts no longer make)", Measure(N, i => data[i].ToSnapshot(now))));
            var outbox = new IReadOnlyList<OutboxItem>[N];
            rows.Add(("accept", "OutboxItems.Of (array + OutboxItem)", Measure(N, i => outbox[i] = OutboxItems.Of(transitions[i].Draft, null, now))));
            rows.Add(("accept", "store.UpdateAsync (per-invitation list growth)", Measure(N, i => store.UpdateAsync(transitions[i].Data!, data[i].Version, outbox[i], default).GetAwaiter().GetResult())));
            rows.Add(("accept", "(for comparison: an AcceptResult with a projected snapshot; the service projects lazily)", Measure(N, i => _ = new AcceptResult { Invitation = transitions[i].Data!.ToSnapshot(now), RedirectLink = null })));
        }
    }

    private static void Invite(List<(string, string, Cost)> rows)
    {
        var requests = BenchHost.Requests(N);
        using (var host = new BenchHost())
        {
            rows.Add(("invite", "**InviteAsync total** (service, in-memory store, inline dispatch off)", Measure(N, i => host.Manager.InviteAsync(requests[i]).GetAwaiter().GetResult())));
        }

        var more = BenchHost.Requests(N, offset: N);
        using (var host = new BenchHost(dispatchInline: true, transports: DiscardingTransport.Register))
        {
            rows.Add(("invite", "InviteAsync with inline dispatch to a discarding sender and sink (what `throughput` runs)", Measure(N, i => host.Manager.InviteAsync(more[i]).GetAwaiter().GetResult())));
        }

        using (var host = new BenchHost())
        {
            var options = host.Services.GetRequiredService<IOptions<InvitationsOptions>>().Value;
            var catalog = host.Services.GetRequiredService<TemplateCatalog>();
            var links = new LinkBuilder(options);
            var validator = new InviteRequestValidator(options, links, catalog);
            var composer = new MessageComposer(options, catalog, SystemClock.Instance);
            var facts = new FactFactory(options.Links.FactUrlTemplate);
            var store = new InMemoryInvitationStore();
            var now = SystemClock.Instance.GetCurrentInstant();

            // Prototype stored data (for the pieces that need an InvitationData).
            var proto = host.Manager.InviteAsync(BenchHost.Request(-1)).GetAwaiter().GetResult().Value;
            var protoData = host.Store.FindAsync(proto.Invitation.Id, default).AsTask().GetAwaiter().GetResult()!;

            rows.Add(("invite", "validator.Validate (normalize e-mail, recipient key, lists, ValidatedInvite)", Measure(N, i => validator.Validate(requests[i]))));
            rows.Add(("invite", "InvitationToken.Create (token string + digest array)", Measure(N, _ => InvitationToken.Create())));
            rows.Add(("invite", "GuidV7 id + new InvitationData", Measure(N, i => _ = protoData with { Id = new InvitationId(Guid.CreateVersion7()) })));
            rows.Add(("invite", "LinkBuilder.Build (one string)", Measure(N, i => links.Build(BenchHost.LoginUri, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))));
            rows.Add(("invite", "MessageComposer.Compose (model + render + OutgoingMessage; item id string)", Measure(N, i => composer.Compose(protoData, proto.Link!, Guid.CreateVersion7().ToString()))));
            rows.Add(("invite", "FactFactory.Create INVITE_USER", Measure(N, i => facts.Create(FactTypes.InviteUser, null, protoData, now))));
            var datas = new InvitationData[N];
            var outbox = new IReadOnlyList<OutboxItem>[N];
            for (var i = 0; i < N; i++)
            {
                var id = new InvitationId(Guid.CreateVersion7());
                datas[i] = protoData with { Id = id, RecipientKey = "k" + i, TokenHash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32) };
            }

            rows.Add(("invite", "OutboxItems.ForMessage + Of (fact item + message item + array)", Measure(N, i =>
            {
                var fact = facts.Create(FactTypes.InviteUser, null, datas[i], now);
                var msg = OutboxItems.ForMessage(OutboxItems.NewId(now), proto.Message!, 1, now);
                outbox[i] = OutboxItems.Of(fact, msg, now);
            }) - Measure(N, i => facts.Create(FactTypes.InviteUser, null, datas[i], now))));
            for (var i = 0; i < N; i++)
            {
                outbox[i] = OutboxItems.Of(facts.Create(FactTypes.InviteUser, null, datas[i], now), OutboxItems.ForMessage(OutboxItems.NewId(now), proto.Message!, 1, now), now);
            }

            rows.Add(("invite", "store.CreateAsync (4 indexes, per-invitation list, growth)", Measure(N, i => store.CreateAsync(datas[i], outbox[i], default).GetAwaiter().GetResult())));
            rows.Add(("invite", "InviteResult + its snapshot", Measure(N, i => _ = new InviteResult { Status = InviteStatus.Created, Invitation = protoData.ToSnapshot(now), Link = proto.Link, Message = proto.Message })));
        }
    }

    private static void FactSign(List<(string, string, Cost)> rows)
    {
        using var host = new BenchHost(store: _ => new CapturingStore(new InMemoryInvitationStore()));
        var token = host.SeedPending(1)[0];
        _ = host.Redemption.AcceptAsync(token, new AcceptRequest("user-42")).GetAwaiter().GetResult();
        var draft = ((CapturingStore)host.Store).LastOutbox![0].Draft;
        var fact = draft.ToFact()!;
        rows.Add(("accept+fact+sign", "InvitationJson.SerializeFact (INVITE_ACCEPTED draft with old_value + new_value from the records, hand-written writer)", Measure(N, _ => InvitationJson.SerializeFact(draft))));
        rows.Add(("accept+fact+sign", "  (delivery: FactDraft.ToFact, the complete fact a sink or handler is handed)", Measure(N, _ => draft.ToFact())));
        rows.Add(("accept+fact+sign", "  (for comparison: one InvitationSnapshot alone through the source-generated JsonSerializer)", Measure(N, _ => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(fact.NewValue!, InvitationJson.Options))));
        var body = InvitationJson.SerializeFact(fact);
        rows.Add(("accept+fact+sign", string.Create(CultureInfo.InvariantCulture, $"  (its JSON body is {body.Length:N0} bytes)"), body.Length));
        rows.Add(("accept+fact+sign", "Standard Webhooks signature (header string only)", Measure(N, _ => WebhookSigner.Default.Sign(fact.Id.Value, 1, body))));
    }
}
