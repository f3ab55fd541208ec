using Invitations.Internal;
using NodaTime;

namespace Invitations.Domain;

/// <summary>Adds the <c>ACCOUNT_CREATED_WITH_CIDAAS_IDENTITY</c> fact to an acceptance, so both are saved in one store write or neither is.</summary>
internal static class AccountCreatedFact
{
    public static Transition Follow(Transition accepted, AccountCreation account, string subjectId, Instant now)
    {
        // The invitation's next sequence number: the fact is ordered after INVITE_ACCEPTED by the per-invitation outbox order.
        var data = accepted.Data! with { FactSequence = accepted.Data!.FactSequence + 1 };
        var attributes = new Dictionary<string, string>(4, StringComparer.Ordinal)
        {
            ["_id"] = data.Id.ToString(),
            ["provider"] = account.Provider,
            ["sub"] = subjectId,
        };
        if (account.RequestId is { Length: > 0 } requestId)
        {
            attributes["requestId"] = requestId;
        }

        var fact = new InvitationFact
        {
            Id = new FactId(GuidV7.New(now)),
            Type = FactTypes.AccountCreated,
            ObjectType = FactTypes.AccountObjectType,
            ObjectId = data.Id,
            Sequence = data.FactSequence,
            OccurredAt = now,
            Attributes = attributes,
            Request = new Dictionary<string, string>(account.Request, StringComparer.Ordinal),
        };
        return Transition.To(data, accepted.Draft) with { FollowingFact = fact };
    }
}
