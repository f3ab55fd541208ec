using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Invitations.AspNetCore.Internal;

/// <summary>The invitation's version as a strong entity tag (<c>"3"</c>), and <c>If-Match</c> read back into a version.</summary>
internal static class EntityTags
{
    public static string Of(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>No header: no precondition. <c>*</c>: any version. One strong tag of ours: that version. Anything else: an error (412).</summary>
    public static (long? Version, InvitationError? Error) ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (header.Length == 0 || header.Trim() == "*")
        {
            return (null, null);
        }

        if (EntityTagHeaderValue.TryParse(header.Trim(), out var tag) && !tag.IsWeak
            && long.TryParse(tag.Tag.AsSpan(1, tag.Tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return (version, null);
        }

        return (null, new InvitationError(InvitationHttpErrorCodes.PreconditionInvalid, "If-Match must be one entity tag from this API's ETag header, such as \"3\".") { Field = "If-Match" });
    }
}
