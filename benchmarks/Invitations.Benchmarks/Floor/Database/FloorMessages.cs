using System.Buffers;
using System.Text.Json;
using System.Security.Cryptography;
using Invitations.Benchmarks.Fixtures;
using Invitations.Templates;
using Invitations.Templates.BuiltIn;
using Microsoft.AspNetCore.DataProtection;
using NodaTime;

namespace Invitations.Benchmarks.Floor.Database;

/// <summary>
/// The message of one invitation as the floor queues it, at the library's cost: rendered by the library's own
/// engine call (<see cref="TemplateRenderer.Render"/> of the compiled built-in <c>INVITE_USER</c> e-mail, with a
/// <see cref="TemplateModel"/> built from the request), written as JSON by hand, and encrypted with ASP.NET Core Data
/// Protection under the EF store's purpose before it is written (the EF store never writes a link in clear, so
/// neither does the floor).
/// </summary>
public sealed class FloorMessages
{
    /// <summary>The EF store's Data Protection purpose and marker of a queued message (OutboxPayloadProtector).</summary>
    private const string Purpose = "Invitations.EntityFrameworkCore.OutboxMessage.v1";
    private const string Marker = "dp1:";

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly CompiledTemplate _template;
    private readonly OurRenderer _renderer;
    private readonly IDataProtector _protector;
    private readonly string _accountName;

    /// <param name="services">The library's services (for its template catalog: the same compiled template it renders).</param>
    /// <param name="accountName">The account name the library's options give the template.</param>
    public FloorMessages(IServiceProvider services, string accountName)
    {
        // The library's renderer as the benchmarks build it (OurRenderer), so the floor renders exactly as the composer does.
        _renderer = new OurRenderer(services);
        _template = _renderer.Resolve(BuiltInTemplates.InviteUser, MessageChannel.Email, "en");
        _protector = new EphemeralDataProtectionProvider().CreateProtector(Purpose);
        _accountName = accountName;
    }

    /// <summary>Renders, serializes and encrypts the message; returns the outbox payload.</summary>
    public string Payload(Guid invitationId, Guid messageId, FloorRequest request, string email, string link, Instant expiresAt)
    {
        var rendered = _renderer.Render(_template, new TemplateModel
        {
            GivenName = request.GivenName,
            FamilyName = request.FamilyName,
            RecipientAddress = email,
            InviteLink = link,
            InvitedBy = request.InvitedByName,
            AccountName = _accountName,
            ExpiresAt = TemplateModel.FormatExpiry(expiresAt, "en", "UTC"),
            Locale = "en",
            CustomFields = request.CustomFields,
        });

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(8192);
        buffer.ResetWrittenCount();
        var w = t_writer ??= new Utf8JsonWriter(buffer);
        w.Reset(buffer);
        w.WriteStartObject();
        w.WriteString("message_id"u8, messageId);
        w.WriteString("invitation_id"u8, invitationId);
        w.WriteString("channel"u8, "email"u8);
        w.WriteString("to"u8, email);
        w.WriteString("to_name"u8, request.GivenName + " " + request.FamilyName);
        w.WriteString("subject"u8, rendered.Subject);
        w.WriteString("html_body"u8, rendered.Html);
        w.WriteString("text_body"u8, rendered.Text);
        w.WriteString("template_key"u8, BuiltInTemplates.InviteUser);
        w.WriteEndObject();
        w.Flush();

        // The plaintext never outlives the write: cleared like the EF store clears its copy.
        var plain = buffer.WrittenSpan.ToArray();
        buffer.Clear();
        try
        {
            return Marker + Convert.ToBase64String(_protector.Protect(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
