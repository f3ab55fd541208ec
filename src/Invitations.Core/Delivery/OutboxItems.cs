using Invitations.Diagnostics;
using Invitations.Internal;
using NodaTime;

namespace Invitations.Delivery;

/// <summary>Wraps facts and messages as outbox items, due immediately, with the trace context of the span saving them.</summary>
internal static class OutboxItems
{
    public static OutboxItemId NewId(Instant now) => new(GuidV7.New(now));

    /// <summary>
    /// The item that delivers a fact carries the fact's id: one fact, one item, one id to trace in logs and tables. With
    /// several receivers the dispatcher replaces it by one item per lane (<see cref="FactReceivers.Expand"/>).
    /// </summary>
    public static OutboxItem ForFact(FactDraft fact, Instant now) => new()
    {
        Id = new OutboxItemId(fact.Envelope.Id.Value),
        InvitationId = fact.Envelope.ObjectId,
        Kind = OutboxItemKind.Fact,
        Sequence = fact.Envelope.Sequence,
        Draft = fact,
        CreatedAt = now,
        DueAt = now,
        TraceParent = TraceContext.Current(),
    };

    public static OutboxItem ForMessage(OutboxItemId id, OutgoingMessage message, long sequence, Instant now) => new()
    {
        Id = id,
        InvitationId = message.InvitationId,
        Kind = OutboxItemKind.Message,
        Sequence = sequence,
        Message = message,
        CreatedAt = now,
        DueAt = now,
        TraceParent = TraceContext.Current(),
    };

    /// <summary>The items one transition saves: its fact (if any) and its message (if any).</summary>
    public static IReadOnlyList<OutboxItem> Of(FactDraft? fact, OutboxItem? message, Instant now) =>
        (fact, message) switch
        {
            (null, null) => [],
            ({ } f, null) => [ForFact(f, now)],
            (null, { } m) => [m],
            ({ } f, { } m) => [ForFact(f, now), m],
        };
}
