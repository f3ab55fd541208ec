using System.Security.Cryptography;
using Invitations.Validation;

namespace Invitations.Delivery;

/// <summary>
/// The host's fact receivers (webhook sinks and their lanes, in-process handlers) and the outbox lanes a fact is saved
/// on. With one receiver that has one lane (the default: one sink that does not name lanes of its own) a fact is one
/// outbox item with the empty lane, as before lanes existed: no extra row, no extra allocation. Otherwise a fact is one
/// item per lane, each its own queue with its own progress, so one receiver failing holds back only itself. The mode
/// is fixed per host (never per fact): switching a queue between the empty lane and named lanes per fact would let a
/// later fact overtake an earlier one.
/// </summary>
internal sealed class FactReceivers
{
    /// <summary>The lane of a fact no receiver takes (only saved so the fact stays listed); completed without delivery.</summary>
    public const string NoLane = "-";

    private readonly IWebhookSink[] _sinks;
    private readonly IInvitationFactHandler[] _handlers;
    private readonly string[] _sinkNames;
    private readonly string[] _handlerNames;
    private readonly bool[] _ownLanes;

    public FactReceivers(IWebhookSink[] sinks, IInvitationFactHandler[] handlers)
    {
        _sinks = sinks;
        _handlers = handlers;
        _ownLanes = sinks.Select(NamesOwnLanes).ToArray();
        var names = new List<string>(sinks.Length + handlers.Length);
        for (var i = 0; i < sinks.Length; i++)
        {
            names.Add(Unique(CheckName(sinks[i].Name, sinks[i].GetType()), names, canRename: !_ownLanes[i], sinks[i].GetType()));
        }

        foreach (var handler in handlers)
        {
            names.Add(Unique(CheckName(handler.Name, handler.GetType()), names, canRename: true, handler.GetType()));
        }

        _sinkNames = names.Take(sinks.Length).ToArray();
        _handlerNames = names.Skip(sinks.Length).ToArray();
        foreach (var name in names)
        {
            // A lane of one receiver must never be mistaken for another's: a sink's lanes are its name or "name/…".
            if (names.Count(n => string.Equals(n, name, StringComparison.Ordinal) || n.StartsWith(name + "/", StringComparison.Ordinal)) > 1)
            {
                throw new InvalidOperationException(
                    $"Two fact receivers (webhook sinks or fact handlers) share the lane name '{name}' (or one's name starts with the other's followed by '/'). " +
                    "Give each a unique Name: it keys its delivery progress in the store.");
            }
        }

        Aggregate = handlers.Length == 0 && sinks.Length == 1 && !_ownLanes[0];
    }

    /// <summary>Whether facts are saved as one item for every receiver (the empty lane) rather than one per lane.</summary>
    public bool Aggregate { get; }

    /// <summary>The sinks, in registration order.</summary>
    public IReadOnlyList<IWebhookSink> Sinks => _sinks;

    /// <summary>The handlers, in registration order.</summary>
    public IReadOnlyList<IInvitationFactHandler> Handlers => _handlers;

    /// <summary>
    /// The items to save for <paramref name="items"/>: unchanged in aggregate mode, else each fact item replaced by one
    /// item per lane (ids derived from the fact id and the lane, so the same fact always maps to the same rows).
    /// </summary>
    public IReadOnlyList<OutboxItem> Expand(IReadOnlyList<OutboxItem> items)
    {
        if (Aggregate || !items.Any(static i => i.Kind == OutboxItemKind.Fact && i.Draft.HasValue && i.Lane.Length == 0))
        {
            return items;
        }

        var expanded = new List<OutboxItem>(items.Count + _sinks.Length + _handlers.Length);
        foreach (var item in items)
        {
            if (item.Kind != OutboxItemKind.Fact || !item.Draft.HasValue || item.Lane.Length != 0)
            {
                expanded.Add(item);
                continue;
            }

            var before = expanded.Count;
            InvitationFact? fact = null; // made once, and only for a sink that names its own lanes: a receiver is handed it
            for (var i = 0; i < _sinks.Length; i++)
            {
                if (!_ownLanes[i])
                {
                    expanded.Add(ForLane(item, _sinkNames[i]));
                    continue;
                }

                foreach (var lane in _sinks[i].LanesFor(fact ??= item.Fact!))
                {
                    if (!BelongsTo(lane, _sinkNames[i]) || lane.Length > FieldLimits.Lane)
                    {
                        throw new InvalidOperationException(
                            $"The webhook sink '{_sinkNames[i]}' named the lane '{lane}': a sink's lanes are its Name or start with its Name followed by '/', at most {FieldLimits.Lane} characters.");
                    }

                    expanded.Add(ForLane(item, lane));
                }
            }

            foreach (var name in _handlerNames)
            {
                expanded.Add(ForLane(item, name));
            }

            if (expanded.Count == before)
            {
                expanded.Add(ForLane(item, NoLane));
            }
        }

        return expanded;
    }

    /// <summary>The sink whose lane <paramref name="lane"/> is, or null.</summary>
    public IWebhookSink? SinkOf(string lane)
    {
        for (var i = 0; i < _sinks.Length; i++)
        {
            if (BelongsTo(lane, _sinkNames[i]))
            {
                return _sinks[i];
            }
        }

        return null;
    }

    /// <summary>The handler whose lane <paramref name="lane"/> is, or null.</summary>
    public IInvitationFactHandler? HandlerOf(string lane)
    {
        var at = Array.IndexOf(_handlerNames, lane);
        return at < 0 ? null : _handlers[at];
    }

    /// <summary>
    /// The id of the item that delivers a fact on one lane: a name-based UUID (version 8) of the fact id and the lane,
    /// so the rows of one fact never collide and say which fact they carry.
    /// </summary>
    internal static OutboxItemId LaneItemId(FactId fact, string lane)
    {
        var name = new byte[16 + System.Text.Encoding.UTF8.GetByteCount(lane)];
        fact.Value.TryWriteBytes(name, bigEndian: true, out _);
        System.Text.Encoding.UTF8.GetBytes(lane, name.AsSpan(16));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(name, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new OutboxItemId(new Guid(hash[..16], bigEndian: true));
    }

    private static OutboxItem ForLane(OutboxItem item, string lane) => item with { Id = LaneItemId(item.Draft.Envelope.Id, lane), Lane = lane };

    private static bool BelongsTo(string lane, string name) =>
        string.Equals(lane, name, StringComparison.Ordinal)
        || (lane.Length > name.Length + 1 && lane[name.Length] == '/' && lane.StartsWith(name, StringComparison.Ordinal));

    /// <summary>Whether the sink implements <see cref="IWebhookSink.LanesFor"/> itself (it may name several lanes).</summary>
    private static bool NamesOwnLanes(IWebhookSink sink)
    {
        var map = sink.GetType().GetInterfaceMap(typeof(IWebhookSink));
        var at = Array.FindIndex(map.InterfaceMethods, static m => m.Name == nameof(IWebhookSink.LanesFor));
        return at >= 0 && map.TargetMethods[at].DeclaringType != typeof(IWebhookSink);
    }

    /// <summary>
    /// A receiver's lane: its name, or, for the second and later receivers of one name that take a single lane (two
    /// instances of one sink type, say), the name with <c>#2</c>, <c>#3</c>, … in registration order. A sink naming lanes
    /// of its own cannot be renamed: its lanes would no longer start with its name.
    /// </summary>
    private static string Unique(string name, List<string> taken, bool canRename, Type type)
    {
        if (!taken.Contains(name, StringComparer.Ordinal))
        {
            return name;
        }

        if (!canRename)
        {
            throw new InvalidOperationException(
                $"The webhook sink {type.FullName} names lanes of its own under '{name}', a name another fact receiver has. Give each a unique Name: it keys its delivery progress in the store.");
        }

        var n = 2;
        while (taken.Contains($"{name}#{n}", StringComparer.Ordinal))
        {
            n++;
        }

        return $"{name}#{n}";
    }

    private static string CheckName(string? name, Type type)
    {
        if (string.IsNullOrEmpty(name) || name.Length > FieldLimits.Lane || name == NoLane || name.Any(char.IsControl))
        {
            throw new InvalidOperationException(
                $"The fact receiver {type.FullName} has the name '{name}': a name is 1 to {FieldLimits.Lane} characters without control characters, and not '{NoLane}'.");
        }

        return name;
    }
}
