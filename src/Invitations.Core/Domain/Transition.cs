using System.Diagnostics.CodeAnalysis;

namespace Invitations.Domain;

/// <summary>
/// The result of a transition: the new data and the fact it caused, or the error code it failed with.
/// </summary>
/// <remarks>Invariant: exactly one of (<see cref="Data"/> and <see cref="Fact"/>) or <see cref="ErrorCode"/> is set; <see cref="Succeeded"/> tells which, to the compiler too.</remarks>
internal readonly record struct Transition
{
    private Transition(InvitationData? data, InvitationFact? fact, string? errorCode) => (Data, Fact, ErrorCode) = (data, fact, errorCode);

    /// <summary>The new data; set when the transition succeeded.</summary>
    public InvitationData? Data { get; }

    /// <summary>The fact the transition caused; set when it succeeded (every transition emits exactly one).</summary>
    public InvitationFact? Fact { get; }

    /// <summary>A second fact saved after <see cref="Fact"/> in the same write (an acceptance's <c>ACCOUNT_CREATED</c>), if any.</summary>
    public InvitationFact? FollowingFact { get; init; }

    /// <summary>The error code of the refused transition.</summary>
    public string? ErrorCode { get; }

    [MemberNotNullWhen(true, nameof(Data), nameof(Fact))]
    [MemberNotNullWhen(false, nameof(ErrorCode))]
    public bool Succeeded => ErrorCode is null;

    public static Transition To(InvitationData data, InvitationFact fact) => new(data, fact, null);

    public static Transition Fail(string code) => new(null, null, code);
}
