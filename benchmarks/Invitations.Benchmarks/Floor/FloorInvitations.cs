using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Invitations.Benchmarks.Fixtures;

namespace Invitations.Benchmarks.Floor;

/// <summary>A 256-bit digest as a value (dictionary key without a byte[] per lookup).</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Hash256(ulong A, ulong B, ulong C, ulong D)
{
    public static Hash256 From(ReadOnlySpan<byte> digest) => MemoryMarshal.Read<Hash256>(digest);
}

/// <summary>One stored invitation of the floor: a mutable class, updated in place under the store lock.</summary>
public sealed class FloorInvitation
{
    public Guid Id;
    public int State; // 0 pending, 1 accepted
    public long Version;
    public long FactSequence;
    public required string Email;
    public string? GivenName;
    public string? FamilyName;
    public string[] Groups = [];
    public string[] Roles = [];
    public Dictionary<string, string>? CustomFields;
    public required string InvitedBy;
    public Hash256 TokenHash;
    public DateTime CreatedAt;
    public DateTime UpdatedAt;
    public DateTime ExpiresAt;
    public string? AcceptedSubjectId;
    public string? Subject;
    public string? Html;
    public string? Text;
    public byte[]? Fact;
}

public sealed record FloorRequest(string Email, string? GivenName, string? FamilyName, string InvitedById, string? InvitedByName, string[] Groups, string[] Roles, Dictionary<string, string>? CustomFields);

/// <summary>
/// The hand-written floor of the invitation flow: the same steps as the library with nothing but the
/// BCL — plain validation, <see cref="RandomNumberGenerator"/> + <see cref="SHA256"/> + base64url,
/// string concatenation for the link, <see cref="HandRenderer"/> (or Scriban with a reused context) for
/// the e-mail, <see cref="Utf8JsonWriter"/> into a reused buffer for the fact, and a locked
/// <see cref="Dictionary{TKey,TValue}"/> store.
/// </summary>
public sealed class FloorInvitations
{
    public const string LoginUri = BenchHost.LoginUri;
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_json;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly object _gate = new();
    private readonly Dictionary<Guid, FloorInvitation> _byId = [];
    private readonly Dictionary<Hash256, FloorInvitation> _byHash = [];
    private readonly Dictionary<string, Guid> _pendingByRecipient = new(StringComparer.Ordinal);
    private readonly ScribanDirect? _scriban;
    private readonly bool _keepMessage;

    /// <param name="scribanRendering">Render with Scriban (reused context) instead of by hand.</param>
    /// <param name="keepMessage">Keep the rendered message in the store (an undelivered outbox); false models "handed to the transport".</param>
    public FloorInvitations(bool scribanRendering = false, bool keepMessage = true)
    {
        _scriban = scribanRendering ? new ScribanDirect() : null;
        _keepMessage = keepMessage;
    }

    public int Count => _byId.Count;

    public static FloorRequest Request(int i) => new($"jane.doe{i}@example.com", "Jane", "Doe", "admin-1", "Ada Admin", ["staff"], ["editor"], new() { ["department"] = "R&D" });

    public static FloorRequest[] Requests(int count, int offset = 0)
    {
        var r = new FloorRequest[count];
        for (var i = 0; i < count; i++)
        {
            r[i] = Request(offset + i);
        }

        return r;
    }

    /// <summary>Invite end to end; returns the link (the only place the raw token lives).</summary>
    public string? Invite(FloorRequest r)
    {
        // Validate.
        var email = r.Email;
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (email.Length > 254 || at <= 0 || email.IndexOf('.', at) < 0 || HasControl(email) || (r.GivenName?.Length ?? 0) > 128 || (r.FamilyName?.Length ?? 0) > 128)
        {
            return null;
        }

        // Token and digest.
        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(secret);
        var token = Base64Url.EncodeToString(secret);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(secret, digest);
        CryptographicOperations.ZeroMemory(secret);

        // Link.
        var link = string.Concat(LoginUri, "?invite_token=", token, "&view_type=register");

        // Render subject + HTML + text.
        var now = DateTime.UtcNow;
        var expires = now.AddDays(7);
        var model = new EmailModel
        {
            Name = r.GivenName + " " + r.FamilyName,
            InvitedBy = r.InvitedByName,
            AccountName = "Acme",
            InviteLink = link,
            ExpiresAt = expires.ToString("MMMM d, yyyy h:mm tt 'UTC'", CultureInfo.InvariantCulture),
        };
        var (subject, html, text) = _scriban is null ? HandRenderer.Render(model) : _scriban.Render(model);

        var inv = new FloorInvitation
        {
            Id = Guid.CreateVersion7(),
            Version = 1,
            FactSequence = 1,
            Email = email,
            GivenName = r.GivenName,
            FamilyName = r.FamilyName,
            Groups = r.Groups,
            Roles = r.Roles,
            CustomFields = r.CustomFields,
            InvitedBy = r.InvitedById,
            TokenHash = Hash256.From(digest),
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = expires,
        };
        if (_keepMessage)
        {
            inv.Subject = subject;
            inv.Html = html;
            inv.Text = text;
        }


        // Fact JSON (INVITE_USER).
        inv.Fact = WriteFact(inv, "INVITE_USER", Guid.CreateVersion7(), null).ToArray();

        // Save.
        lock (_gate)
        {
            if (!_pendingByRecipient.TryAdd(email, inv.Id))
            {
                return null;
            }

            _byId.Add(inv.Id, inv);
            _byHash.Add(inv.TokenHash, inv);
        }

        return link;
    }

    /// <summary>Accept: hash the token, find, constant-time compare, change state, save. Allocates nothing.</summary>
    public FloorInvitation? Accept(string token, string subjectId)
    {
        if (token.Length != 43)
        {
            return null;
        }

        Span<byte> secret = stackalloc byte[32];
        if (!Base64Url.TryDecodeFromChars(token, secret, out var written) || written != 32)
        {
            return null;
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(secret, digest);
        var key = Hash256.From(digest);
        var now = DateTime.UtcNow;
        lock (_gate)
        {
            if (!_byHash.TryGetValue(key, out var inv)
                || !CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(new ReadOnlySpan<Hash256>(in inv.TokenHash)), digest)
                || inv.State != 0 || now >= inv.ExpiresAt)
            {
                return null;
            }

            inv.State = 1;
            inv.Version++;
            inv.FactSequence++;
            inv.UpdatedAt = now;
            inv.AcceptedSubjectId = subjectId;
            _pendingByRecipient.Remove(inv.Email);
            return inv;
        }
    }

    /// <summary>Accept, then its INVITE_ACCEPTED fact as JSON (kept, as a store would) and its Standard Webhooks signature.</summary>
    public string? AcceptFactSign(string token, string subjectId)
    {
        var inv = Accept(token, subjectId);
        if (inv is null)
        {
            return null;
        }

        var factId = Guid.CreateVersion7();
        var json = WriteFact(inv, "INVITE_ACCEPTED", factId, subjectId);
        var body = json.ToArray();
        inv.Fact = body;
        return WebhookSigner.Default.Sign(factId, new DateTimeOffset(inv.UpdatedAt).ToUnixTimeSeconds(), body);
    }

    /// <summary>The fact envelope with the new value's snapshot, written by hand into a per-thread reused buffer.</summary>
    public static ReadOnlySpan<byte> WriteFact(FloorInvitation inv, string type, Guid factId, string? subjectId)
    {
        var buffer = t_json ??= new ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        var w = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        w.Reset(buffer);
        w.WriteStartObject();
        w.WriteString("id"u8, factId);
        w.WriteString("type"u8, type);
        w.WriteString("object_type"u8, "userinvitations"u8);
        w.WriteString("object_id"u8, inv.Id);
        w.WriteNumber("sequence"u8, inv.FactSequence);
        w.WriteString("occurred_at"u8, inv.UpdatedAt);
        w.WriteStartObject("attributes"u8);
        w.WriteString("_id"u8, inv.Id);
        if (subjectId is not null)
        {
            w.WriteString("sub"u8, subjectId);
        }

        w.WriteEndObject();
        w.WriteStartObject("new_value"u8);
        w.WriteString("id"u8, inv.Id);
        w.WriteString("state"u8, inv.State == 0 ? "initiated"u8 : "accepted"u8);
        w.WriteString("channel"u8, "email"u8);
        w.WriteString("email"u8, inv.Email);
        if (inv.GivenName is not null)
        {
            w.WriteString("given_name"u8, inv.GivenName);
        }

        if (inv.FamilyName is not null)
        {
            w.WriteString("family_name"u8, inv.FamilyName);
        }

        w.WriteStartArray("groups"u8);
        foreach (var g in inv.Groups)
        {
            w.WriteStringValue(g);
        }

        w.WriteEndArray();
        w.WriteStartArray("roles"u8);
        foreach (var role in inv.Roles)
        {
            w.WriteStringValue(role);
        }

        w.WriteEndArray();
        w.WriteStartObject("custom_fields"u8);
        if (inv.CustomFields is not null)
        {
            foreach (var (k, v) in inv.CustomFields)
            {
                w.WriteString(k, v);
            }
        }

        w.WriteEndObject();
        w.WriteString("invited_by"u8, inv.InvitedBy);
        w.WriteString("template_key"u8, "INVITE_USER"u8);
        w.WriteNumber("version"u8, inv.Version);
        w.WriteNumber("send_count"u8, 1);
        w.WriteString("created_at"u8, inv.CreatedAt);
        w.WriteString("updated_at"u8, inv.UpdatedAt);
        w.WriteString("expires_at"u8, inv.ExpiresAt);
        if (inv.AcceptedSubjectId is not null)
        {
            w.WriteString("accepted_subject_id"u8, inv.AcceptedSubjectId);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        return buffer.WrittenSpan;
    }

    private static bool HasControl(string s)
    {
        foreach (var c in s)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
