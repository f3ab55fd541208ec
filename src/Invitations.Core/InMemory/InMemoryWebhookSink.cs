using System.Collections.Concurrent;

namespace Invitations;

/// <summary>The default sink: keeps every fact in memory. Replace it with Invitations.Webhooks to POST facts.</summary>
public sealed class InMemoryWebhookSink : IWebhookSink
{
    private readonly ConcurrentQueue<InvitationFact> _facts = new();

    /// <summary>Every fact delivered so far, in delivery order.</summary>
    public IReadOnlyCollection<InvitationFact> Facts => _facts;

    /// <inheritdoc />
    public ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fact);
        _facts.Enqueue(fact);
        return new(DeliveryResult.Delivered());
    }
}
