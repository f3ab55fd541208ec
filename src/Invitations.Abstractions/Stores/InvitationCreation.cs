namespace Invitations;

/// <summary>One item of a batch write (<see cref="IInvitationStore.CreateManyAsync"/>): a new invitation and the outbox items its creation caused.</summary>
/// <param name="Invitation">The invitation (its <see cref="InvitationData.Version"/> is 1).</param>
/// <param name="Outbox">Facts and messages caused by the creation.</param>
public sealed record InvitationCreation(InvitationData Invitation, IReadOnlyList<OutboxItem> Outbox);
