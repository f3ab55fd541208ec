namespace Invitations;

/// <summary>The actors of facts that no caller names, and who did what in any fact the library created.</summary>
public static class FactActors
{
    /// <summary>The library itself: the expiry sweep, a derived expiry persisted on use, and the dispatcher reporting a failed delivery.</summary>
    public const string System = "system";

    /// <summary>The anonymous holder of the invitation's link (a rejection needs no account).</summary>
    public const string TokenHolder = "token_holder";

    /// <summary>
    /// Who caused <paramref name="fact"/>: the attribute its type records the actor in (see <see cref="FactAttributeNames"/>),
    /// <see cref="System"/> for a failed delivery, or null for a fact without one (an older fact, or one a host made).
    /// </summary>
    /// <param name="fact">The fact.</param>
    /// <returns>The actor's id, <see cref="System"/>, <see cref="TokenHolder"/>, or null.</returns>
    public static string? Of(InvitationFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (fact.Type is FactTypes.InviteDeliveryFailed or FactTypes.InviteReminded)
        {
            // Both come from the library's own loops (the dispatcher, the reminder sweep); a failed delivery's two
            // attributes (channel, error) fill the allocation-free attribute map, so neither records the actor.
            return System;
        }

        var key = fact.Type switch
        {
            FactTypes.InviteUser => fact.Attributes.ContainsKey(FactAttributeNames.Resent) ? FactAttributeNames.ResentBy : FactAttributeNames.InvitedBy,
            FactTypes.InviteAccepted or FactTypes.AccountCreated => FactAttributeNames.Subject,
            FactTypes.InviteRevoked => FactAttributeNames.RevokedBy,
            FactTypes.InviteRejected => FactAttributeNames.RejectedBy,
            FactTypes.InviteExpired => FactAttributeNames.ExpiredBy,
            _ => null,
        };
        if (key is null)
        {
            return null;
        }

        return fact.Attributes.TryGetValue(key, out var actor) ? actor : null;
    }
}
