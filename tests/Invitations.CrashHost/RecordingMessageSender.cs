namespace Invitations.CrashHost;

/// <summary>
/// Sends by recording: one fsynced line per message handed over ("message id invitation address"). Addresses whose
/// local part starts with <c>doomed.</c> fail for good, so the dispatcher records INVITE_DELIVERY_FAILED for them.
/// </summary>
internal sealed class RecordingMessageSender(AppendLog log) : IMessageSender
{
    public bool CanSend(MessageChannel channel) => channel == MessageChannel.Email;

    public ValueTask<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (message.To.StartsWith("doomed.", StringComparison.Ordinal))
        {
            return ValueTask.FromResult(DeliveryResult.Permanent("mailbox does not exist"));
        }

        log.Write($"message {message.MessageId} {message.InvitationId} {message.To}");
        Boundaries.Cross(Boundaries.Sent);
        return ValueTask.FromResult(DeliveryResult.Delivered());
    }
}
