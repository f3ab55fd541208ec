using Invitations.Domain;

namespace Invitations.Core.Tests.Domain;

/// <summary>
/// The transition table written out by hand, independently of <see cref="InvitationStateMachine"/>:
/// every effective state × every command → the target state, or the error code the command fails with.
/// </summary>
internal static class ExpectedTransitions
{
    private const string Invalid = InvitationErrorCodes.InvalidStateTransition;
    private const string InvalidToken = InvitationErrorCodes.InvalidToken;
    private const string Expired = InvitationErrorCodes.InvitationExpired;
    private const string AlreadyAccepted = InvitationErrorCodes.InvitationAlreadyAccepted;

    public static readonly IReadOnlyList<InvitationState> States =
    [
        InvitationState.Initiated, InvitationState.Reinitiated, InvitationState.Accepted,
        InvitationState.Revoked, InvitationState.Rejected, InvitationState.Expired,
    ];

    public static readonly IReadOnlyList<InvitationCommand> Commands =
    [
        InvitationCommand.Resend, InvitationCommand.Accept, InvitationCommand.Reject, InvitationCommand.Revoke, InvitationCommand.Expire,
    ];

    // state              Resend                     Accept                    Reject                    Revoke                   Expire
    private static readonly Dictionary<InvitationState, (InvitationState? Target, string? Error)[]> Rows = new()
    {
        [InvitationState.Initiated] = [To(InvitationState.Reinitiated), To(InvitationState.Accepted), To(InvitationState.Rejected), To(InvitationState.Revoked), No(Invalid)],
        [InvitationState.Reinitiated] = [To(InvitationState.Reinitiated), To(InvitationState.Accepted), To(InvitationState.Rejected), To(InvitationState.Revoked), No(Invalid)],
        [InvitationState.Accepted] = [No(Invalid), No(AlreadyAccepted), No(AlreadyAccepted), No(Invalid), No(Invalid)],
        [InvitationState.Revoked] = [No(Invalid), No(InvalidToken), No(InvalidToken), No(Invalid), No(Invalid)],
        [InvitationState.Rejected] = [No(Invalid), No(InvalidToken), No(InvalidToken), No(Invalid), No(Invalid)],
        [InvitationState.Expired] = [To(InvitationState.Reinitiated), No(Expired), No(Expired), No(Invalid), To(InvitationState.Expired)],
    };

    public static (InvitationState? Target, string? Error) Expect(InvitationState state, InvitationCommand command) =>
        Rows[state][Commands.IndexOf(command)];

    public static bool IsPending(InvitationState s) => s is InvitationState.Initiated or InvitationState.Reinitiated;

    public static bool IsTerminal(InvitationState s) => s is InvitationState.Accepted or InvitationState.Revoked or InvitationState.Rejected;

    public static string FactTypeOf(InvitationCommand command) => command switch
    {
        InvitationCommand.Resend => FactTypes.InviteUser,
        InvitationCommand.Accept => FactTypes.InviteAccepted,
        InvitationCommand.Reject => FactTypes.InviteRejected,
        InvitationCommand.Revoke => FactTypes.InviteRevoked,
        InvitationCommand.Expire => FactTypes.InviteExpired,
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private static int IndexOf(this IReadOnlyList<InvitationCommand> list, InvitationCommand c)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == c)
            {
                return i;
            }
        }

        return -1;
    }

    private static (InvitationState?, string?) To(InvitationState s) => (s, null);

    private static (InvitationState?, string?) No(string code) => (null, code);
}
