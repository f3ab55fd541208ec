namespace Invitations.Domain;

/// <summary>The commands that move an invitation between states.</summary>
internal enum InvitationCommand
{
    Resend,
    Accept,
    Reject,
    Revoke,
    Expire,
}
