namespace Invitations.AspNetCore;

/// <summary>Stable codes of the problems the HTTP layer itself answers, beside <see cref="InvitationErrorCodes"/>.</summary>
public static class InvitationHttpErrorCodes
{
    /// <summary>The body is not valid JSON or does not match the request's shape (400, "Input JSON is not valid").</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>The body is not <c>application/json</c> (415, "Content Type is not specified or specified incorrectly").</summary>
    public const string UnsupportedContentType = "unsupported_content_type";

    /// <summary>An <c>If-Match</c> header that is not one entity tag this API issued (412).</summary>
    public const string PreconditionInvalid = "precondition_invalid";

    /// <summary>The request needs a signed-in user (401).</summary>
    public const string Unauthenticated = "unauthenticated";
}
