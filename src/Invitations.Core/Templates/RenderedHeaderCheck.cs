using Invitations.Validation;
using E = Invitations.Errors.InvitationErrors;

namespace Invitations.Templates;

/// <summary>
/// Checks the header-bound values of a composed message as a whole, after rendering. Each request field is checked
/// on its own at validation, but values that are harmless one by one can assemble an RFC 2047 encoded word that
/// decodes to CR LF: <c>{{ given_name }}{{ family_name }}</c> with <c>=?utf-8?Q?a=0D=0A</c> and <c>X-Evil:_1?=</c>,
/// or a recipient whose local part is one (<c>=?utf-8?Q?=0D=0A?=@example.com</c> is dot-atom text). The README
/// promises a third-party <see cref="IMessageSender"/> that no such value reaches it.
/// </summary>
internal static class RenderedHeaderCheck
{
    /// <summary>The first header-bound value of <paramref name="message"/> that carries an encoded word or a control character.</summary>
    /// <param name="message">The composed message.</param>
    /// <returns>The error naming the request field the value came from, or null when every value is safe.</returns>
    public static InvitationError? Check(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var error = Value(message.Channel == MessageChannel.Email ? "email" : "mobile_number", message.To)
            ?? Value("given_name", message.ToName) ?? Value("from_name", message.FromName)
            ?? Value("reply_to", message.ReplyTo) ?? Value("subject", message.Subject);
        if (error is not null || message.Headers.Count == 0)
        {
            return error; // no enumerator allocated on the common path: Core composes no extra headers
        }

        foreach (var (name, value) in message.Headers)
        {
            error ??= Value(name, value);
        }

        return error;
    }

    private static InvitationError? Value(string field, string? value) =>
        value is not null && (TextRules.HasForbiddenCharacters(value) || TextRules.HasEncodedWord(value))
            ? E.FieldInvalid(field, "the rendered message header would contain an RFC 2047 encoded word or a control character")
            : null;
}
