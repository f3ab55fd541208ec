using System.Text.Json.Serialization;

namespace Invitations.Json;

/// <summary>
/// Source-generated System.Text.Json metadata for every record that crosses a process boundary
/// (facts, messages, snapshots). Names are snake_case; instants are ISO-8601; enums are snake_case
/// strings. Serializes facts and messages exactly as
/// the library does. Public callers use <see cref="InvitationJson"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(InstantJsonConverter)])]
[JsonSerializable(typeof(InvitationFact))]
[JsonSerializable(typeof(OutgoingMessage))]
[JsonSerializable(typeof(InvitationSnapshot))]
[JsonSerializable(typeof(InvitationBranding))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class InvitationsJsonContext : JsonSerializerContext;
