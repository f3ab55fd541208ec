using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Invitations.AspNetCore.Internal;

/// <summary>Reads request bodies with the API's own rules (whatever the host's JSON options say) and writes answers.</summary>
internal static class HttpJson
{
    /// <summary>Invitation requests are small; a larger body is refused before it is parsed.</summary>
    private const int MaxBodyBytes = 256 * 1024;

    /// <summary>Unknown members are errors: a misspelt field (<c>given_nme</c>) must not vanish silently.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static IResult Ok<T>(T value) => TypedResults.Json(value, Options);

    /// <summary>
    /// The body as <typeparamref name="T"/>, or the problem to answer: 415 when a body is not <c>application/json</c>,
    /// 400 when it is not valid JSON of that shape. An empty body is <see langword="null"/> when <paramref name="allowEmpty"/>.
    /// </summary>
    public static async Task<(T? Value, InvitationError? Error)> ReadAsync<T>(HttpRequest request, bool allowEmpty, CancellationToken cancellationToken)
        where T : class
    {
        // A content type other than JSON is refused even on an empty body: a cross-site HTML form always sends one
        // (urlencoded, multipart or text/plain), so a forged form post cannot accept with the token in the query.
        if (!string.IsNullOrEmpty(request.ContentType) && !request.HasJsonContentType())
        {
            return (null, UnsupportedContentType());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, new InvitationError(InvitationHttpErrorCodes.InvalidJson, $"The body is larger than {MaxBodyBytes} bytes."));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0 && allowEmpty)
        {
            return (null, null);
        }

        if (!request.HasJsonContentType())
        {
            return (null, UnsupportedContentType());
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options);
            return value is null ? (null, InvalidJson(null)) : (value, null);
        }
        catch (JsonException ex)
        {
            // The exception's message may quote the input; only its path (a field name) is repeated.
            return (null, InvalidJson(ex.Path));
        }
    }

    private static InvitationError UnsupportedContentType() =>
        new(InvitationHttpErrorCodes.UnsupportedContentType, "Content Type is not specified or specified incorrectly");

    private static InvitationError InvalidJson(string? path)
    {
        var field = path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        return new InvitationError(InvitationHttpErrorCodes.InvalidJson, "Input JSON is not valid") { Field = field };
    }
}
