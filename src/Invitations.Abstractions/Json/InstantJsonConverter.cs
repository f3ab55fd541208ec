using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Invitations;

/// <summary>Reads and writes a NodaTime <see cref="Instant"/> as ISO-8601 UTC text (<c>2026-01-02T03:04:05.123Z</c>).</summary>
public sealed class InstantJsonConverter : JsonConverter<Instant>
{
    private static readonly Instant MinDateTime = Instant.FromDateTimeUtc(DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc));
    private static readonly Instant MaxDateTime = Instant.FromDateTimeUtc(DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc));

    /// <inheritdoc />
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        var parsed = InstantPattern.ExtendedIso.Parse(text ?? string.Empty);
        return parsed.Success ? parsed.Value : throw new JsonException("Expected an ISO-8601 instant such as 2026-01-02T03:04:05Z.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);

        // DateTime (UTC kind) writes ISO-8601 with a trailing Z straight into the buffer: no string per instant.
        // Instants outside DateTime's range fall back to NodaTime's pattern.
        if (value >= MinDateTime && value <= MaxDateTime)
        {
            writer.WriteStringValue(value.ToDateTimeUtc());
        }
        else
        {
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
        }
    }
}
