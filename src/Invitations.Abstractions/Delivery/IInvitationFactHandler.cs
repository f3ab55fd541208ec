namespace Invitations;

/// <summary>
/// An in-process receiver of invitation facts (cache invalidation, analytics), added with
/// <c>AddInvitations().AddFactHandler&lt;T&gt;()</c>. Facts reach it through the outbox on its own lane: at least
/// once, in <see cref="InvitationFact.Sequence"/> order per invitation, retried on the dispatcher's schedule when it
/// throws, and never held back by a failing webhook endpoint (nor holding one back). Deduplicate on
/// <see cref="InvitationFact.Id"/>.
/// </summary>
public interface IInvitationFactHandler
{
    /// <summary>
    /// The handler's stable name: the outbox lane its progress is stored under (1 to 200 characters, unique among the
    /// host's sinks and handlers; keep it across releases, or facts saved before are retried and then given up).
    /// </summary>
    /// <value>The default is the type's full name.</value>
    string Name => GetType().FullName ?? GetType().Name;

    /// <summary>Handles one fact. Returning acknowledges it; throwing is a transient failure, retried later.</summary>
    /// <param name="fact">The fact.</param>
    /// <param name="cancellationToken">Cancels the call (the host is stopping).</param>
    /// <returns>A task that completes when the fact is handled.</returns>
    ValueTask HandleAsync(InvitationFact fact, CancellationToken cancellationToken);
}
