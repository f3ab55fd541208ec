using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Invitations.AspNetCore.Internal;

/// <summary>OpenAPI metadata shared by both groups.</summary>
internal static class EndpointMetadata
{
    /// <summary>
    /// Declares a JSON body of <typeparamref name="T"/>. Routing answers a content type outside an endpoint's accepted
    /// ones itself, with an empty 415; <c>*/*</c> keeps every request on the endpoint, whose reader answers a wrong
    /// content type with OneLogin's problem ("Content Type is not specified or specified incorrectly").
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder)
        where T : notnull =>
        builder.Accepts<T>(isOptional: true, "application/json", "*/*");

    /// <summary>Declares each problem status the endpoint can answer (<c>application/problem+json</c>).</summary>
    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
