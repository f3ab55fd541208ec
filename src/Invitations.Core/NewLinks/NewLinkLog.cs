using Microsoft.Extensions.Logging;

namespace Invitations.NewLinks;

/// <summary>Source-generated log messages of "send me a new link" (never the address, the token or the link).</summary>
internal static partial class NewLinkLog
{
    [LoggerMessage(165, LogLevel.Information, "A new link was sent for invitation {InvitationId} at its holder's request")]
    public static partial void Sent(ILogger logger, InvitationId invitationId);

    [LoggerMessage(166, LogLevel.Debug, "A new link for invitation {InvitationId} was not sent: {Reason}")]
    public static partial void NotSent(ILogger logger, InvitationId invitationId, string reason);
}
