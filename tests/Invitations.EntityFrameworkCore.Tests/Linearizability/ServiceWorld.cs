using System.Collections.Concurrent;
using System.Globalization;

namespace Invitations.Tests.Linearizability;

/// <summary>
/// The actual side: the real services over one store, each world on its own addresses (a fresh world per sample, so
/// samples never see each other's invitations on a shared database). Operations run from several threads at once;
/// what they learn (ids, links) goes into concurrent maps, and every answer into a concurrent queue.
/// </summary>
internal sealed class ServiceWorld
{
    /// <summary>Recipient addresses per world: few, so that operations collide on the same invitations.</summary>
    public const int Slots = 2;

    private static int s_worlds;
    private readonly IInvitationManager _manager;
    private readonly IInvitationRedemption _redemption;
    private readonly string _prefix;
    private readonly ConcurrentDictionary<InvitationId, ConcurrentDictionary<int, string>> _links = new();
    private readonly ConcurrentDictionary<int, InvitationId> _latest = new();
    private readonly ConcurrentQueue<string> _outcomes = new();
    private readonly Lazy<string> _final;

    public ServiceWorld(IInvitationManager manager, IInvitationRedemption redemption, string run)
    {
        _manager = manager;
        _redemption = redemption;
        _prefix = $"lin{run}{Interlocked.Increment(ref s_worlds)}";
        _final = new(ReadFinal, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static InvitationActor Admin { get; } = InvitationActor.Admin("admin-lin", "Lin Admin");

    /// <summary>The store's invitations of this world and every answer, read once after the operations ran (in the same form as <see cref="InvitationModel.Describe"/>).</summary>
    public string Final => _final.Value;

    public void Invite(OperationCell cell)
    {
        var request = new InviteRequest { Inviter = Admin, Email = $"{_prefix}.{cell.Slot}@example.com", GivenName = "Lin", Groups = ["staff"] };
        var result = Wait(_manager.InviteAsync(request));
        if (Failed(result, cell, out var code))
        {
            Record($"invite {cell.Slot}: {code}");
            return;
        }

        var snapshot = Learn(cell.Slot, result.Value.Invitation, result.Value.Link);
        cell.Target = snapshot.Id;
        Record($"invite {cell.Slot}: {result.Value.Status} {Describe(snapshot)}");
    }

    public void Resend(OperationCell cell) => Act("resend", cell, id =>
    {
        var result = Wait(_manager.ResendAsync(id, Admin));
        return Failed(result, cell, out var code) ? code : "Resent " + Describe(Learn(cell.Slot, result.Value.Invitation, result.Value.Link));
    });

    public void Revoke(OperationCell cell) => Act("revoke", cell, id =>
    {
        var result = Wait(_manager.RevokeAsync(id, Admin));
        return Failed(result, cell, out var code) ? code : "Revoked " + Describe(result.Value);
    });

    public void Accept(OperationCell cell) => WithLink("accept", cell, token =>
    {
        var result = Wait(_redemption.AcceptAsync(token, new AcceptRequest("sub-lin")));
        return Failed(result, cell, out var code) ? code : "Accepted " + Describe(result.Value.Invitation);
    });

    public void Reject(OperationCell cell) => WithLink("reject", cell, token =>
    {
        var result = Wait(_redemption.RejectAsync(token));
        return Failed(result, cell, out var code) ? code : "Rejected " + Describe(result.Value);
    });

    public void Get(OperationCell cell) => Act("get", cell, id =>
    {
        var result = Wait(_manager.GetAsync(id, Admin));
        return Failed(result, cell, out var code) ? code : "Got " + Describe(result.Value);
    });

    public override string ToString() => _prefix;

    internal static string Describe(InvitationId id, InvitationState state, long version, int sendCount) =>
        string.Create(CultureInfo.InvariantCulture, $"{id} {state} v{version} s{sendCount}");

    internal static string Describe(IEnumerable<(InvitationId Id, string Text)> invitations, IEnumerable<string> outcomes) =>
        string.Join("\n", invitations.OrderBy(i => i.Id.Value).Select(i => i.Text))
        + "\n--\n"
        + string.Join("\n", outcomes.Order(StringComparer.Ordinal));

    private static string Describe(InvitationSnapshot s) => Describe(s.Id, s.State, s.Version, s.SendCount);

    // The operations are CsCheck actions (synchronous); the services are asynchronous. No synchronization context runs here.
    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static bool Failed<T>(InvitationResult<T> result, OperationCell cell, out string code)
    {
        code = result.Error?.Code ?? "";
        cell.Conflicted = code == InvitationErrorCodes.ConcurrencyConflict;
        return !result.IsSuccess;
    }

    private InvitationSnapshot Learn(int slot, InvitationSnapshot snapshot, string? link)
    {
        if (link is not null)
        {
            _links.GetOrAdd(snapshot.Id, _ => new())[snapshot.SendCount] = TokenOf(link);
        }

        _latest[slot] = snapshot.Id;
        return snapshot;
    }

    private void Act(string name, OperationCell cell, Func<InvitationId, string> call)
    {
        if (!_latest.TryGetValue(cell.Slot, out var id))
        {
            Record($"{name} {cell.Slot}: none");
            return;
        }

        cell.Target = id;
        Record($"{name} {cell.Slot}: {call(id)}");
    }

    private void WithLink(string name, OperationCell cell, Func<string, string> call) => Act(name, cell, id =>
    {
        var links = _links[id];
        var newest = links.Keys.Max();
        cell.Generation = cell.Stale && links.ContainsKey(newest - 1) ? newest - 1 : newest;
        return call(links[cell.Generation]);
    });

    private void Record(string outcome) => _outcomes.Enqueue(outcome);

    private string ReadFinal()
    {
        var invitations = new List<(InvitationId, string)>();
        foreach (var id in _links.Keys)
        {
            var snapshot = Wait(_manager.GetAsync(id, Admin)).Value;
            var facts = Wait(_manager.ListFactsAsync(id, Admin)).Value;
            invitations.Add((id, Describe(snapshot) + " [" + string.Join(",", facts.OrderBy(f => f.Sequence).Select(f => f.Type)) + "]"));
        }

        return Describe(invitations, _outcomes);
    }

    private static string TokenOf(string link)
    {
        var query = new Uri(link).Query.TrimStart('?').Split('&');
        return Uri.UnescapeDataString(query.Single(p => p.StartsWith("invite_token=", StringComparison.Ordinal))["invite_token=".Length..]);
    }
}
