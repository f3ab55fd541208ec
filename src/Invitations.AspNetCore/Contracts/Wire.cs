namespace Invitations.AspNetCore.Contracts;

/// <summary>The wire names of the enums, in snake_case as the facts write them.</summary>
internal static class Wire
{
    public static string State(InvitationState state) => state switch
    {
        InvitationState.Initiated => "initiated",
        InvitationState.Reinitiated => "reinitiated",
        InvitationState.Accepted => "accepted",
        InvitationState.Revoked => "revoked",
        InvitationState.Rejected => "rejected",
        InvitationState.Expired => "expired",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static InvitationState? ParseState(string? text) =>
        Enum.GetValues<InvitationState>().Cast<InvitationState?>().FirstOrDefault(s => State(s!.Value) == text);

    public static string Channel(MessageChannel channel) => channel == MessageChannel.Sms ? "sms" : "email";

    public static string InviteStatus(InviteStatus status) => status switch
    {
        Invitations.InviteStatus.Created => "created",
        Invitations.InviteStatus.Resent => "resent",
        Invitations.InviteStatus.Reused => "reused",
        _ => "replayed",
    };
}
