using System.Text.Json;
using System.Text.Json.Serialization;

namespace Invitations;

/// <summary>Reads and writes a <see cref="FactId"/> as <c>fact_</c> + 32 hex digits.</summary>
public sealed class FactIdJsonConverter : JsonConverter<FactId>
{
    /// <inheritdoc />
    public override FactId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.StartsWith("fact_", StringComparison.Ordinal) && Guid.TryParseExact(text.AsSpan(5), "N", out var g)
            ? new FactId(g)
            : throw new JsonException("Expected a fact id such as fact_0193a6f08c2e7b7e9a612f6c1d2e3f40.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, FactId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> text = stackalloc char[37];
        "fact_".AsSpan().CopyTo(text);
        value.Value.TryFormat(text[5..], out var written, "N");
        writer.WriteStringValue(text[..(5 + written)]);
    }
}
