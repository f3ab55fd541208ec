using System.Text.Json.Serialization;

namespace Invitations.AspNetCore.Contracts;

/// <summary>One page of <c>GET /invitations</c>; <c>next_cursor</c> fetches the next (keyset paging), absent on the last page.</summary>
internal sealed class SearchPageBody
{
    [JsonPropertyName("items")] public required IReadOnlyList<InvitationBody> Items { get; init; }
    [JsonPropertyName("next_cursor")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? NextCursor { get; init; }
}
