using System.Diagnostics.CodeAnalysis;

namespace Invitations.Domain;

/// <summary>
/// The result of a transition: the new data and the fact it caused, or the error code it failed with.
/// </summary>
/// <remarks>
/// Invariant: exactly one of (<see cref="Data"/> and <see cref="Draft"/>) or <see cref="ErrorCode"/> is set; <see cref="Succeeded"/>
/// tells which, to the compiler too (through <see cref="Fact"/>, the draft's projection).
/// </remarks>
internal readonly record struct Transition
{
    private Transition(InvitationData? data, FactDraft draft, string? errorCode) => (Data, Draft, ErrorCode) = (data, draft, errorCode);

    /// <summary>The new data; set when the transition succeeded.</summary>
    public InvitationData? Data { get; }

    /// <summary>The fact the transition caused, as the outbox carries it; set when it succeeded (every transition emits exactly one).</summary>
    public FactDraft Draft { get; }

    /// <summary>
    /// The complete fact, projected from <see cref="Draft"/> on every read (two snapshots each time): for tests and
    /// diagnostics. The pipeline saves <see cref="Draft"/>.
    /// </summary>
    public InvitationFact? Fact => Draft.ToFact();

    /// <summary>A second fact saved after <see cref="Fact"/> in the same write (an acceptance's <c>ACCOUNT_CREATED</c>), if any.</summary>
    public InvitationFact? FollowingFact { get; init; }

    /// <summary>The error code of the refused transition.</summary>
    public string? ErrorCode { get; }

    [MemberNotNullWhen(true, nameof(Data), nameof(Fact))]
    [MemberNotNullWhen(false, nameof(ErrorCode))]
    public bool Succeeded => ErrorCode is null;

    public static Transition To(InvitationData data, FactDraft fact) => new(data, fact, null);

    public static Transition Fail(string code) => new(null, default, code);
}
