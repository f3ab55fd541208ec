using Invitations.Internal;
using NodaTime;

namespace Invitations.Domain;

/// <summary>
/// Builds fact drafts: the envelope (unique id, next per-invitation sequence, attributes) and the stored records
/// (with their effective states) that <c>old_value</c>/<c>new_value</c> are projected from only where a receiver gets
/// the fact. Records are immutable, so keeping them is safe, and the store already holds the newer one.
/// </summary>
internal sealed class FactFactory(string? urlTemplate)
{
    public FactDraft Create(string type, InvitationData? before, InvitationData after, Instant now, params ReadOnlySpan<(string Key, string Value)> extra) => new(
        Envelope(type, after, now, extra),
        before is null ? default : new SnapshotSource(before, InvitationStateMachine.EffectiveState(before, now)),
        new SnapshotSource(after, InvitationStateMachine.EffectiveState(after, now)));

    private InvitationFact Envelope(string type, InvitationData after, Instant now, ReadOnlySpan<(string Key, string Value)> extra) => new()
    {
        Id = new FactId(GuidV7.New(now)),
        Type = type,
        ObjectId = after.Id,
        Sequence = after.FactSequence,
        OccurredAt = now,
        Attributes = extra.Length <= FactAttributeDictionary.MaxExtra ? new FactAttributeDictionary(after.Id, extra) : Dictionary(after.Id, extra),
        Url = urlTemplate?.Replace("{id}", after.Id.ToString(), StringComparison.Ordinal),
    };

    private static Dictionary<string, string> Dictionary(InvitationId id, ReadOnlySpan<(string Key, string Value)> extra)
    {
        var attributes = new Dictionary<string, string>(1 + extra.Length, StringComparer.Ordinal) { ["_id"] = id.ToString() };
        foreach (var (key, value) in extra)
        {
            attributes[key] = value;
        }

        return attributes;
    }
}
