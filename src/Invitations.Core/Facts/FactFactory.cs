using Invitations.Domain;
using Invitations.Internal;
using NodaTime;

namespace Invitations.Facts;

/// <summary>Builds fact envelopes: unique id, next per-invitation sequence, old/new snapshots, attributes.</summary>
internal sealed class FactFactory(string? urlTemplate)
{
    public InvitationFact Create(string type, InvitationData? before, InvitationData after, Instant now, params ReadOnlySpan<(string Key, string Value)> extra)
    {
        var attributes = new Dictionary<string, string>(1 + extra.Length, StringComparer.Ordinal) { ["_id"] = after.Id.ToString() };
        foreach (var (key, value) in extra)
        {
            attributes[key] = value;
        }

        return new InvitationFact
        {
            Id = new FactId(GuidV7.New()),
            Type = type,
            ObjectId = after.Id,
            Sequence = after.FactSequence,
            OccurredAt = now,
            Attributes = attributes,
            OldValue = before?.ToSnapshot(now),
            NewValue = after.ToSnapshot(now),
            Url = urlTemplate?.Replace("{id}", after.Id.ToString(), StringComparison.Ordinal),
        };
    }
}
