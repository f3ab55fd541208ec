namespace Invitations;

/// <summary>What an outbox item carries.</summary>
public enum OutboxItemKind
{
    /// <summary>A fact for the <see cref="IWebhookSink"/>.</summary>
    Fact = 0,

    /// <summary>A message for an <see cref="IMessageSender"/>.</summary>
    Message = 1,
}
