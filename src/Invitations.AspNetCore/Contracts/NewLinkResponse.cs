using System.Text.Json.Serialization;

namespace Invitations.AspNetCore.Contracts;

/// <summary>The one answer of <c>POST …/new-link</c> (202), whatever matched.</summary>
internal sealed class NewLinkResponse
{
    [JsonPropertyName("message")] public required string Message { get; init; }
}
