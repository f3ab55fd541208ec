using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Invitations.AspNetCore.Internal;

/// <summary>Finds the invitee's token where the seeds send it: the query (<c>invite_token</c> or <c>invite_id</c>), the <c>invite_id</c> header (cidaas), or the body.</summary>
internal static class TokenSource
{
    public const string LegacyName = "invite_id";

    /// <summary>The one token the request carries, or the error: none at all, or two different ones.</summary>
    public static (string? Token, InvitationError? Error) Find(HttpContext context, params string?[] fromBody)
    {
        var parameter = CoreOptions.TokenParameterName(context.RequestServices.GetRequiredService<IOptionsMonitor<InvitationsOptions>>().CurrentValue);
        var candidates = new List<string?>(fromBody)
        {
            context.Request.Headers[LegacyName].ToString(),
            context.Request.Query[parameter].ToString(),
            context.Request.Query[LegacyName].ToString(),
        };
        var found = candidates.Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal).ToList();
        return found.Count switch
        {
            1 => (found[0], null),
            0 => (null, new InvitationError(InvitationErrorCodes.InvalidToken, "The invitation token is missing.") { Field = parameter }),
            // Never echo either value: both may be live tokens.
            _ => (null, new InvitationError(InvitationErrorCodes.FieldInvalid, "The request carries two different invitation tokens.") { Field = parameter }),
        };
    }
}
