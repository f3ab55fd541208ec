using System.Collections.ObjectModel;
namespace Invitations;

/// <summary>
/// A rendered invitation message handed to an <see cref="IMessageSender"/>. Every header-bound value
/// (<see cref="To"/>, <see cref="ToName"/>, <see cref="FromName"/>, <see cref="ReplyTo"/>,
/// <see cref="Subject"/>, <see cref="Headers"/>) has been checked by the library to contain no
/// CR, LF, NUL, U+0085, U+2028 or U+2029, so a sender can place them in headers as they are.
/// </summary>
public sealed record OutgoingMessage
{
    /// <summary>A stable id for this message: the same on every delivery attempt (use it as Message-ID seed or provider idempotency key).</summary>
    public required string MessageId { get; init; }

    /// <summary>The invitation the message belongs to.</summary>
    public required InvitationId InvitationId { get; init; }

    /// <summary>The channel to send on.</summary>
    public required MessageChannel Channel { get; init; }

    /// <summary>The recipient: a normalized e-mail address or an E.164 number, exactly as stored.</summary>
    public required string To { get; init; }

    /// <summary>The recipient's display name, if known.</summary>
    public string? ToName { get; init; }

    /// <summary>The sender's display name (branding <c>fromName</c> or the configured default), if any.</summary>
    public string? FromName { get; init; }

    /// <summary>The reply-to address, if any.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The subject (empty for SMS).</summary>
    public required string Subject { get; init; }

    /// <summary>The HTML body (null for SMS).</summary>
    public string? HtmlBody { get; init; }

    /// <summary>The plain-text body (the whole message for SMS).</summary>
    public required string TextBody { get; init; }

    /// <summary>The locale the message was rendered in, for example <c>de</c>.</summary>
    public string? Locale { get; init; }

    /// <summary>The template key the message was rendered from.</summary>
    public required string TemplateKey { get; init; }

    /// <summary>Extra headers to add (already validated).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = ReadOnlyDictionary<string, string>.Empty;
}
