using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace Invitations.Domain;

/// <summary>
/// The transition table, as data: for each effective state and command, either the target state or
/// the error code the command fails with. README.md prints the same table; the tests check every cell.
/// </summary>
internal static class InvitationStateMachine
{
    private static readonly FrozenDictionary<(InvitationState, InvitationCommand), Cell> Table = Build();

    /// <summary>The state an invitation is in at <paramref name="now"/>: pending invitations past their expiry are expired.</summary>
    public static InvitationState EffectiveState(InvitationData data, Instant now) =>
        IsPending(data.State) && now >= data.ExpiresAt ? InvitationState.Expired : data.State;

    /// <summary>Initiated or reinitiated: the states in which a token can be used.</summary>
    public static bool IsPending(InvitationState state) => state is InvitationState.Initiated or InvitationState.Reinitiated;

    /// <summary>Looks up a cell of the table.</summary>
    public static Cell Decide(InvitationState effective, InvitationCommand command) => Table[(effective, command)];

    /// <summary>
    /// <see cref="InvitationCommand.Expire"/> depends on the stored state too: it persists a derived expiry,
    /// so it is allowed only when the stored state is still pending and the time has passed.
    /// </summary>
    public static Cell DecideExpire(InvitationData data, Instant now) =>
        IsPending(data.State) && now >= data.ExpiresAt
            ? Cell.To(InvitationState.Expired)
            : Cell.Fail(InvitationErrorCodes.InvalidStateTransition);

    private static FrozenDictionary<(InvitationState, InvitationCommand), Cell> Build()
    {
        const string Invalid = InvitationErrorCodes.InvalidStateTransition;
        const string InvalidToken = InvitationErrorCodes.InvalidToken;
        const string ExpiredCode = InvitationErrorCodes.InvitationExpired;
        const string AlreadyAccepted = InvitationErrorCodes.InvitationAlreadyAccepted;
        var t = new Dictionary<(InvitationState, InvitationCommand), Cell>();

        foreach (var pending in new[] { InvitationState.Initiated, InvitationState.Reinitiated })
        {
            t[(pending, InvitationCommand.Resend)] = Cell.To(InvitationState.Reinitiated);
            t[(pending, InvitationCommand.Accept)] = Cell.To(InvitationState.Accepted);
            t[(pending, InvitationCommand.Reject)] = Cell.To(InvitationState.Rejected);
            t[(pending, InvitationCommand.Revoke)] = Cell.To(InvitationState.Revoked);
        }

        // Resending an expired invitation renews it (SailPoint); nothing else leaves Expired.
        t[(InvitationState.Expired, InvitationCommand.Resend)] = Cell.To(InvitationState.Reinitiated);
        t[(InvitationState.Expired, InvitationCommand.Accept)] = Cell.Fail(ExpiredCode);
        t[(InvitationState.Expired, InvitationCommand.Reject)] = Cell.Fail(ExpiredCode);
        t[(InvitationState.Expired, InvitationCommand.Revoke)] = Cell.Fail(Invalid);

        t[(InvitationState.Accepted, InvitationCommand.Resend)] = Cell.Fail(Invalid);
        t[(InvitationState.Accepted, InvitationCommand.Accept)] = Cell.Fail(AlreadyAccepted);
        t[(InvitationState.Accepted, InvitationCommand.Reject)] = Cell.Fail(AlreadyAccepted);
        t[(InvitationState.Accepted, InvitationCommand.Revoke)] = Cell.Fail(Invalid);

        // Revoked and rejected invitations have no token any more: a token that once belonged to one
        // gets the same answer as an unknown token.
        foreach (var closed in new[] { InvitationState.Revoked, InvitationState.Rejected })
        {
            t[(closed, InvitationCommand.Resend)] = Cell.Fail(Invalid);
            t[(closed, InvitationCommand.Accept)] = Cell.Fail(InvalidToken);
            t[(closed, InvitationCommand.Reject)] = Cell.Fail(InvalidToken);
            t[(closed, InvitationCommand.Revoke)] = Cell.Fail(Invalid);
        }

        foreach (var state in Enum.GetValues<InvitationState>())
        {
            t[(state, InvitationCommand.Expire)] = state == InvitationState.Expired ? Cell.To(InvitationState.Expired) : Cell.Fail(Invalid);
        }

        return t.ToFrozenDictionary();
    }

    /// <summary>One cell: a target state or an error code.</summary>
    /// <remarks>Invariant: exactly one of <see cref="Target"/> and <see cref="ErrorCode"/> is set.</remarks>
    internal readonly record struct Cell
    {
        private Cell(InvitationState? target, string? errorCode) => (Target, ErrorCode) = (target, errorCode);

        public InvitationState? Target { get; }

        public string? ErrorCode { get; }

        [MemberNotNullWhen(true, nameof(Target))]
        [MemberNotNullWhen(false, nameof(ErrorCode))]
        public bool Allowed => Target is not null;

        public static Cell To(InvitationState target) => new(target, null);

        public static Cell Fail(string code) => new(null, code);
    }
}
