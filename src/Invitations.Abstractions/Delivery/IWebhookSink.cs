namespace Invitations;

/// <summary>
/// Receives invitation facts (webhook events). The dispatcher calls it at least once per fact, in
/// <see cref="InvitationFact.Sequence"/> order per invitation; receivers deduplicate on
/// <see cref="InvitationFact.Id"/>. The last registered sink is used.
/// </summary>
public interface IWebhookSink
{
    /// <summary>Attempts to deliver one fact.</summary>
    /// <param name="fact">The fact.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>How the attempt ended. Throwing is treated as a transient failure.</returns>
    ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact, CancellationToken cancellationToken);
}
