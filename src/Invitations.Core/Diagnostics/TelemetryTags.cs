namespace Invitations.Diagnostics;

/// <summary>
/// The tag (attribute) names and values of the library's spans and metrics. Values are ids, codes and enum names only:
/// never a token, a link, an address or a message body.
/// </summary>
internal static class TelemetryTags
{
    public const string Operation = "invitations.operation";
    public const string Outcome = "invitations.outcome";
    public const string ErrorType = "error.type";
    public const string InvitationId = "invitations.invitation.id";
    public const string OutboxItemId = "invitations.outbox.item.id";
    public const string Kind = "invitations.delivery.kind";
    public const string Channel = "invitations.channel";
    public const string Sink = "invitations.sink";
    public const string BatchSize = "invitations.outbox.batch.size";

    public const string Success = "success";
    public const string Failure = "failure";

    public static string ChannelName(MessageChannel channel) => channel == MessageChannel.Email ? "email" : "sms";

    public static string KindName(OutboxItemKind kind) => kind == OutboxItemKind.Fact ? "fact" : "message";
}
