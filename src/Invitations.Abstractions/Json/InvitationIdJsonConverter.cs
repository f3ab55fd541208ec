using System.Text.Json;
using System.Text.Json.Serialization;

namespace Invitations;

/// <summary>Reads and writes an <see cref="InvitationId"/> as its canonical string.</summary>
public sealed class InvitationIdJsonConverter : JsonConverter<InvitationId>
{
    /// <inheritdoc />
    public override InvitationId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        InvitationId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Expected an invitation id.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, InvitationId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> text = stackalloc char[36];
        value.Value.TryFormat(text, out var written, "D");
        writer.WriteStringValue(text[..written]);
    }
}
