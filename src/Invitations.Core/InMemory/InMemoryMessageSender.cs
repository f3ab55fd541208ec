using System.Collections.Concurrent;

namespace Invitations;

/// <summary>
/// The default sender: keeps every message in memory (both channels) instead of sending it. Useful
/// in development and host tests; replace it with a real sender (Invitations.MailKit, Invitations.Sms).
/// It holds message bodies, which carry live links: never use it in production.
/// </summary>
public sealed class InMemoryMessageSender : IMessageSender
{
    private readonly ConcurrentQueue<OutgoingMessage> _sent = new();

    /// <summary>Every message delivered so far, in delivery order.</summary>
    public IReadOnlyCollection<OutgoingMessage> Sent => _sent;

    /// <inheritdoc />
    public bool CanSend(MessageChannel channel) => true;

    /// <inheritdoc />
    public ValueTask<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        _sent.Enqueue(message);
        return new(DeliveryResult.Delivered());
    }
}
