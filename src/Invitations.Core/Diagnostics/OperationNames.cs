namespace Invitations.Diagnostics;

/// <summary>The operations with a span (<c>invitations.{name}</c>) and a duration in <c>invitations.operation.duration</c>.</summary>
internal static class OperationNames
{
    public const string Invite = "invite";
    public const string Resend = "resend";
    public const string Revoke = "revoke";
    public const string Preview = "preview";
    public const string Accept = "accept";
    public const string Reject = "reject";

    /// <summary>The span name of <paramref name="operation"/>: constants, so a traced operation builds no string.</summary>
    public static string SpanOf(string operation) => operation switch
    {
        Invite => "invitations.invite",
        Resend => "invitations.resend",
        Revoke => "invitations.revoke",
        Preview => "invitations.preview",
        Accept => "invitations.accept",
        Reject => "invitations.reject",
        _ => "invitations." + operation,
    };
}
