using NodaTime;

namespace Invitations;

/// <summary>
/// A lease a write takes on the outbox items it saves, so the dispatcher that asked delivers them at once
/// (inline dispatch) without claiming them first.
/// </summary>
/// <param name="Owner">The dispatcher's lease owner name.</param>
/// <param name="ExpiresAt">When the lease ends; after it any dispatcher may claim the items again.</param>
public sealed record OutboxLease(string Owner, Instant ExpiresAt);
