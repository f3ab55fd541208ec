using System.Text.Json.Serialization;

namespace Invitations.AspNetCore.Contracts;

/// <summary>The body of <c>POST /invitations/runs</c>: the invitations of one bulk run, each shaped like a create body.</summary>
internal sealed class StartRunBody
{
    [JsonPropertyName("invitations")] public List<CreateInvitationBody>? Invitations { get; init; }
}
