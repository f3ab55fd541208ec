namespace Invitations.AspNetCore.Internal;

/// <summary>The few Core options the HTTP layer reads, in one place.</summary>
internal static class CoreOptions
{
    /// <summary>The roles that may invite.</summary>
    public static ISet<string> InviterRoles(InvitationsOptions options) => options.Inviters.Roles;

    /// <summary>The query parameter of the token in links (cidaas: <c>invite_token</c>; <c>invite_id</c> is also read).</summary>
    public static string TokenParameterName(InvitationsOptions options) => options.Links.TokenParameterName;
}
