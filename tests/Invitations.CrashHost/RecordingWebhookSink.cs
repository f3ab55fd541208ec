namespace Invitations.CrashHost;

/// <summary>Delivers facts by recording them: one fsynced line per fact taken ("fact id type invitation").</summary>
internal sealed class RecordingWebhookSink(AppendLog log) : IWebhookSink
{
    public ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact, CancellationToken cancellationToken)
    {
        log.Write($"fact {fact.Id} {fact.Type} {fact.ObjectId}");
        Boundaries.Cross(Boundaries.Delivered);
        return ValueTask.FromResult(DeliveryResult.Delivered());
    }
}
