namespace Invitations;

/// <summary>
/// Receives invitation facts (webhook events). The dispatcher calls it at least once per fact, in
/// <see cref="InvitationFact.Sequence"/> order per invitation and lane; receivers deduplicate on
/// <see cref="InvitationFact.Id"/>. Every added sink receives every fact.
/// </summary>
/// <remarks>
/// When a host has more than one fact receiver (sinks, their lanes and <see cref="IInvitationFactHandler"/>s), each
/// lane has its own delivery progress in the store: a lane that fails holds back only its own later facts, and a
/// restart never delivers again on a lane what it already acknowledged. With one receiver a fact is one outbox item,
/// as before.
/// </remarks>
public interface IWebhookSink
{
    /// <summary>
    /// The sink's stable name: the outbox lane its progress is stored under, so it must not change between releases
    /// of the host (1 to 200 characters, unique among the host's sinks and handlers).
    /// </summary>
    /// <value>The default is the type's full name.</value>
    string Name => GetType().FullName ?? GetType().Name;

    /// <summary>
    /// The lanes this sink delivers <paramref name="fact"/> on, each with its own progress (for example one per HTTP
    /// endpoint that takes the fact's type). Each lane is <see cref="Name"/> or starts with <see cref="Name"/> followed
    /// by <c>/</c>; an empty list means the sink takes no part in this fact.
    /// </summary>
    /// <param name="fact">The fact about to be saved.</param>
    /// <returns>The lanes; the default is one, <see cref="Name"/>.</returns>
    IReadOnlyList<string> LanesFor(InvitationFact fact) => [Name];

    /// <summary>Attempts to deliver one fact (to every lane of the sink, when the host has only this one receiver).</summary>
    /// <param name="fact">The fact.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>How the attempt ended. Throwing is treated as a transient failure.</returns>
    ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact, CancellationToken cancellationToken);

    /// <summary>Attempts to deliver one fact on one of the sink's lanes (see <see cref="LanesFor"/>).</summary>
    /// <param name="fact">The fact.</param>
    /// <param name="lane">The lane, as <see cref="LanesFor"/> named it when the fact was saved.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>How the attempt ended; the default delivers as <see cref="DeliverAsync(InvitationFact, CancellationToken)"/>.</returns>
    ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact, string lane, CancellationToken cancellationToken) => DeliverAsync(fact, cancellationToken);
}
