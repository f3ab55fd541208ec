namespace Invitations;

/// <summary>
/// Sends invitation messages (e-mail or SMS). Implement it to plug in a mail or SMS provider.
/// When several senders are registered, the dispatcher uses the last registered one whose
/// <see cref="CanSend"/> returns true for the message's channel.
/// </summary>
public interface IMessageSender
{
    /// <summary>Whether this sender delivers messages on <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel of a message.</param>
    /// <returns>True when <see cref="SendAsync"/> accepts messages of that channel.</returns>
    bool CanSend(MessageChannel channel);

    /// <summary>
    /// Attempts to deliver one message. May be called more than once for the same
    /// <see cref="OutgoingMessage.MessageId"/> (at-least-once delivery).
    /// </summary>
    /// <param name="message">The rendered message.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>How the attempt ended. Throwing is treated as a transient failure.</returns>
    ValueTask<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
