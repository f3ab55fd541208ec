using System.Text.Json;
using Invitations.Json;

namespace Invitations;

/// <summary>
/// The one JSON form of facts and messages: snake_case names, ISO-8601 instants, snake_case enum
/// strings, nulls omitted, source-generated (no reflection). Stores, sinks and receivers use it so a
/// fact reads the same everywhere.
/// </summary>
public static class InvitationJson
{
    /// <summary>Options equivalent to the library's source-generated context (read-only).</summary>
    public static JsonSerializerOptions Options => InvitationsJsonContext.Default.Options;

    /// <summary>Serializes a fact to UTF-8 JSON.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] SerializeFact(InvitationFact fact) => FactJsonWriter.SerializeToUtf8Bytes(FactDraft.Of(fact));

    /// <summary>Serializes a fact to a JSON string.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>The JSON text.</returns>
    public static string SerializeFactToString(InvitationFact fact) => FactJsonWriter.SerializeToString(FactDraft.Of(fact));

    /// <summary>
    /// Serializes a fact as the outbox carries it to UTF-8 JSON, the same bytes as <see cref="SerializeFact(InvitationFact)"/>
    /// writes for <see cref="FactDraft.ToFact"/>, written straight from the stored records (no snapshot is copied).
    /// </summary>
    /// <param name="fact">The draft; not the default value.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] SerializeFact(FactDraft fact) => FactJsonWriter.SerializeToUtf8Bytes(fact);

    /// <summary>Serializes a fact as the outbox carries it to a JSON string; see <see cref="SerializeFact(FactDraft)"/>.</summary>
    /// <param name="fact">The draft; not the default value.</param>
    /// <returns>The JSON text.</returns>
    public static string SerializeFactToString(FactDraft fact) => FactJsonWriter.SerializeToString(fact);

    /// <summary>Deserializes a fact written by <see cref="SerializeFact(InvitationFact)"/>.</summary>
    /// <param name="json">The JSON text or bytes.</param>
    /// <returns>The fact.</returns>
    /// <exception cref="JsonException">The JSON is not a fact.</exception>
    public static InvitationFact DeserializeFact(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, InvitationsJsonContext.Default.InvitationFact)
        ?? throw new JsonException("The JSON is null, not a fact.");

    /// <summary>Deserializes a fact written by <see cref="SerializeFactToString(InvitationFact)"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The fact.</returns>
    /// <exception cref="JsonException">The JSON is not a fact.</exception>
    public static InvitationFact DeserializeFact(string json) =>
        JsonSerializer.Deserialize(json, InvitationsJsonContext.Default.InvitationFact)
        ?? throw new JsonException("The JSON is null, not a fact.");

    /// <summary>Serializes an outgoing message to a JSON string (for stores that persist the outbox).</summary>
    /// <param name="message">The message.</param>
    /// <returns>The JSON text.</returns>
    public static string SerializeMessage(OutgoingMessage message) =>
        JsonSerializer.Serialize(message, InvitationsJsonContext.Default.OutgoingMessage);

    /// <summary>Deserializes a message written by <see cref="SerializeMessage"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The message.</returns>
    /// <exception cref="JsonException">The JSON is not a message.</exception>
    public static OutgoingMessage DeserializeMessage(string json) =>
        JsonSerializer.Deserialize(json, InvitationsJsonContext.Default.OutgoingMessage)
        ?? throw new JsonException("The JSON is null, not a message.");

    /// <summary>Serializes branding to a JSON string.</summary>
    /// <param name="branding">The branding.</param>
    /// <returns>The JSON text.</returns>
    public static string SerializeBranding(InvitationBranding branding) =>
        JsonSerializer.Serialize(branding, InvitationsJsonContext.Default.InvitationBranding);

    /// <summary>Deserializes branding written by <see cref="SerializeBranding"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The branding.</returns>
    public static InvitationBranding DeserializeBranding(string json) =>
        JsonSerializer.Deserialize(json, InvitationsJsonContext.Default.InvitationBranding)
        ?? throw new JsonException("The JSON is null, not branding.");
}
