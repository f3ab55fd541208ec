namespace Invitations.Domain;

/// <summary>The result of a transition: the new data and the fact it caused, or the error code it failed with.</summary>
internal readonly record struct Transition(InvitationData? Data, InvitationFact? Fact, string? ErrorCode)
{
    public bool Succeeded => ErrorCode is null;

    public static Transition Fail(string code) => new(null, null, code);
}
