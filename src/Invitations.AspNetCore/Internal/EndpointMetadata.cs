using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Invitations.AspNetCore.Internal;

/// <summary>OpenAPI metadata shared by both groups.</summary>
internal static class EndpointMetadata
{
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
