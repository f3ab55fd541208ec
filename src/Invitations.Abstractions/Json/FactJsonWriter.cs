using System.Text;
using System.Text.Json;

namespace Invitations.Json;

/// <summary>
/// Writes a fact as JSON by hand, byte for byte what the source-generated serializer writes for the
/// same fact (a property test holds the two together), but without projecting
/// <see cref="InvitationFact.OldValue"/>/<see cref="InvitationFact.NewValue"/> into snapshot objects:
/// for a <see cref="FactDraft"/> the library made it writes them straight from the stored records. Facts are
/// serialized once per webhook endpoint and per store write, so this is the hot path of delivery.
/// </summary>
/// <remarks>
/// The per-thread buffer is a <see cref="ZeroingBufferWriter"/>: its whole capacity is zeroed after every
/// write (also after a failed one), and an outgrown array is zeroed before it is dropped, so no fact's
/// personal data stays behind. The only calls out are enumerations of the fact's own lists and
/// dictionaries; should one of those serialize a fact on the same thread, the nested call finds the
/// per-thread pair taken and uses a private one.
/// </remarks>
internal static class FactJsonWriter
{
    private const int MaxRetainedBuffer = 64 * 1024;

    private static readonly JsonSerializerOptions Options = InvitationsJsonContext.Default.Options;
    private static readonly InstantJsonConverter Instants = new();
    private static readonly InvitationIdJsonConverter InvitationIds = new();
    private static readonly FactIdJsonConverter FactIds = new();
    private static readonly JsonEncodedText[] States = Names<InvitationState>();
    private static readonly JsonEncodedText[] Channels = Names<MessageChannel>();

    [ThreadStatic]
    private static ZeroingBufferWriter? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static byte[] SerializeToUtf8Bytes(in FactDraft fact) => Serialize(fact, static span => span.ToArray());

    public static string SerializeToString(in FactDraft fact) => Serialize(fact, static span => Encoding.UTF8.GetString(span));

    private delegate T FromBytes<T>(ReadOnlySpan<byte> utf8);

    private static T Serialize<T>(in FactDraft fact, FromBytes<T> result)
    {
        ArgumentNullException.ThrowIfNull(fact.Envelope, nameof(fact));

        // Take this thread's pair while writing: a nested call (from a caller-supplied collection) finds none
        // and makes its own, so the two never share a buffer.
        var buffer = t_buffer ?? new ZeroingBufferWriter(2048);
        var writer = t_writer ?? new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder });
        (t_buffer, t_writer) = (null, null);
        writer.Reset(buffer);
        try
        {
            Write(writer, fact);
            writer.Flush();
            return result(buffer.WrittenSpan);
        }
        finally
        {
            writer.Reset(Stream.Null);
            buffer.Clear(); // zeroes the whole capacity, committed or not
            (t_buffer, t_writer) = (buffer.Capacity > MaxRetainedBuffer ? null : buffer, writer);
        }
    }

    private static void Write(Utf8JsonWriter w, in FactDraft draft)
    {
        var fact = draft.Envelope;
        w.WriteStartObject();
        w.WritePropertyName("id"u8);
        FactIds.Write(w, fact.Id, Options);
        WriteOptional(w, "type"u8, fact.Type);
        WriteOptional(w, "object_type"u8, fact.ObjectType);
        w.WritePropertyName("object_id"u8);
        InvitationIds.Write(w, fact.ObjectId, Options);
        w.WriteNumber("sequence"u8, fact.Sequence);
        w.WritePropertyName("occurred_at"u8);
        Instants.Write(w, fact.OccurredAt, Options);
        WriteAttributes(w, fact.Attributes);
        WriteSnapshot(w, "old_value"u8, draft.OldSource, fact.OldValue);
        WriteSnapshot(w, "new_value"u8, draft.NewSource, fact.NewValue);
        if (fact.Url is { } url)
        {
            w.WriteString("url"u8, url);
        }

        if (fact.Request is { } request)
        {
            w.WriteStartObject("request"u8);
            WritePairs(w, request);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteAttributes(Utf8JsonWriter w, IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes is null)
        {
            return;
        }

        w.WriteStartObject("attributes"u8);
        if (attributes is FactAttributeDictionary compact)
        {
            w.WritePropertyName("_id"u8);
            InvitationIds.Write(w, compact.InvitationId, Options);
            for (var i = 0; i < compact.ExtraCount; i++)
            {
                var (key, value) = compact.Extra(i);
                w.WriteString(key, value);
            }
        }
        else
        {
            WritePairs(w, attributes);
        }

        w.WriteEndObject();
    }

    /// <summary>Writes one side: projected from its source when that has a value (as <see cref="FactDraft.ToFact"/> does), else the envelope's snapshot, if any.</summary>
    private static void WriteSnapshot(Utf8JsonWriter w, ReadOnlySpan<byte> name, SnapshotSource source, InvitationSnapshot? given)
    {
        if (source.Data is { } d)
        {
            w.WritePropertyName(name);
            WriteSnapshot(w, SnapshotFields.Of(d, source.State));
        }
        else if (given is { } v)
        {
            w.WritePropertyName(name);
            WriteSnapshot(w, SnapshotFields.Of(v));
        }
    }

    private static void WriteSnapshot(Utf8JsonWriter w, in SnapshotFields s)
    {
        w.WriteStartObject();
        w.WritePropertyName("id"u8);
        InvitationIds.Write(w, s.Id, Options);
        w.WriteString("state"u8, Name<InvitationState>(States, (int)s.State));
        w.WriteString("channel"u8, Name<MessageChannel>(Channels, (int)s.Channel));
        WriteOptional(w, "email"u8, s.Email);
        WriteOptional(w, "mobile_number"u8, s.MobileNumber);
        WriteOptional(w, "given_name"u8, s.GivenName);
        WriteOptional(w, "family_name"u8, s.FamilyName);
        WriteList(w, "groups"u8, s.Groups);
        WriteList(w, "roles"u8, s.Roles);
        if (s.CustomFields is { } fields)
        {
            w.WriteStartObject("custom_fields"u8);
            WritePairs(w, fields);
            w.WriteEndObject();
        }

        WriteOptional(w, "organization_id"u8, s.OrganizationId);
        WriteOptional(w, "invited_by"u8, s.InvitedBy);
        WriteOptional(w, "client_id"u8, s.ClientId);
        WriteOptional(w, "template_key"u8, s.TemplateKey);
        WriteOptional(w, "locale"u8, s.Locale);
        w.WriteNumber("version"u8, s.Version);
        w.WriteNumber("send_count"u8, s.SendCount);
        w.WritePropertyName("created_at"u8);
        Instants.Write(w, s.CreatedAt, Options);
        w.WritePropertyName("updated_at"u8);
        Instants.Write(w, s.UpdatedAt, Options);
        w.WritePropertyName("expires_at"u8);
        Instants.Write(w, s.ExpiresAt, Options);
        WriteOptional(w, "accepted_subject_id"u8, s.AcceptedSubjectId);
        w.WriteEndObject();
    }

    private static void WritePairs(Utf8JsonWriter w, IReadOnlyDictionary<string, string> pairs)
    {
        if (pairs.Count == 0)
        {
            return;
        }

        // Two loops on purpose: each concrete type has its own struct enumerator, so neither allocates.
        if (pairs is CustomFieldDictionary map)
        {
            foreach (var (key, value) in map) // the struct enumerator: no boxing
            {
                w.WriteString(key, value);
            }

            return;
        }

        if (pairs is Dictionary<string, string> dictionary)
        {
            foreach (var (key, value) in dictionary) // the struct enumerator: no boxing
            {
                w.WriteString(key, value);
            }

            return;
        }

        foreach (var (key, value) in pairs)
        {
            w.WriteString(key, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteList(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        w.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++)
        {
            w.WriteStringValue(values[i]);
        }

        w.WriteEndArray();
    }

    private static JsonEncodedText Name<TEnum>(JsonEncodedText[] names, int index)
        where TEnum : struct, Enum
    {
        return (uint)index < (uint)names.Length && names[index].EncodedUtf8Bytes.Length > 0
            ? names[index]
            : throw new JsonException($"{typeof(TEnum).Name} value {index} is not defined and cannot be written.");
    }

    private static JsonEncodedText[] Names<TEnum>()
        where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        var names = new JsonEncodedText[values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) + 1];
        foreach (var value in values)
        {
            names[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = JsonEncodedText.Encode(JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()), Options.Encoder);
        }

        return names;
    }

    /// <summary>
    /// The fields of a snapshot, gathered on the stack from a stored record or from a snapshot object: the writer's one
    /// view of both shapes, each projected once below (what <see cref="InvitationSnapshot.From"/> copies, nothing more).
    /// </summary>
    private readonly struct SnapshotFields
    {
        public required InvitationId Id { get; init; }

        public required InvitationState State { get; init; }

        public required MessageChannel Channel { get; init; }

        public required string? Email { get; init; }

        public required string? MobileNumber { get; init; }

        public required string? GivenName { get; init; }

        public required string? FamilyName { get; init; }

        public required IReadOnlyList<string>? Groups { get; init; }

        public required IReadOnlyList<string>? Roles { get; init; }

        public required IReadOnlyDictionary<string, string>? CustomFields { get; init; }

        public required string? OrganizationId { get; init; }

        public required string? InvitedBy { get; init; }

        public required string? ClientId { get; init; }

        public required string? TemplateKey { get; init; }

        public required string? Locale { get; init; }

        public required long Version { get; init; }

        public required int SendCount { get; init; }

        public required NodaTime.Instant CreatedAt { get; init; }

        public required NodaTime.Instant UpdatedAt { get; init; }

        public required NodaTime.Instant ExpiresAt { get; init; }

        public required string? AcceptedSubjectId { get; init; }

        public static SnapshotFields Of(InvitationData d, InvitationState state) => new()
        {
            Id = d.Id, State = state, Channel = d.Channel, Email = d.Email, MobileNumber = d.MobileNumber, GivenName = d.GivenName,
            FamilyName = d.FamilyName, Groups = d.Groups, Roles = d.Roles, CustomFields = d.CustomFields, OrganizationId = d.OrganizationId,
            InvitedBy = d.InvitedById, ClientId = d.ClientId, TemplateKey = d.TemplateKey, Locale = d.Locale, Version = d.Version,
            SendCount = d.SendCount, CreatedAt = d.CreatedAt, UpdatedAt = d.UpdatedAt, ExpiresAt = d.ExpiresAt, AcceptedSubjectId = d.AcceptedSubjectId,
        };

        public static SnapshotFields Of(InvitationSnapshot v) => new()
        {
            Id = v.Id, State = v.State, Channel = v.Channel, Email = v.Email, MobileNumber = v.MobileNumber, GivenName = v.GivenName,
            FamilyName = v.FamilyName, Groups = v.Groups, Roles = v.Roles, CustomFields = v.CustomFields, OrganizationId = v.OrganizationId,
            InvitedBy = v.InvitedBy, ClientId = v.ClientId, TemplateKey = v.TemplateKey, Locale = v.Locale, Version = v.Version,
            SendCount = v.SendCount, CreatedAt = v.CreatedAt, UpdatedAt = v.UpdatedAt, ExpiresAt = v.ExpiresAt, AcceptedSubjectId = v.AcceptedSubjectId,
        };
    }
}
