using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Text;

namespace Invitations.MailKit.Internal;

/// <summary>The administrator's sender settings shared by both senders.</summary>
/// <param name="FromAddress">The validated From address.</param>
/// <param name="FromName">The configured From display name.</param>
/// <param name="ReplyTo">The configured Reply-To address.</param>
/// <param name="Overrides">Which of the message's sender values may replace the configured ones.</param>
internal sealed record MailDefaults(string FromAddress, string? FromName, string? ReplyTo, MailSenderOverrides Overrides);

/// <summary>Turns an <see cref="OutgoingMessage"/> into a <see cref="MimeMessage"/>, refusing unsafe header values.</summary>
internal static partial class MimeMessageFactory
{
    // Headers the sender owns: a message's extra headers may not set or duplicate them.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "Sender", "To", "Cc", "Bcc", "Reply-To", "Subject", "Message-ID", "Date", "MIME-Version",
        "Return-Path", "Received", "In-Reply-To", "References", "DKIM-Signature", "ARC-Seal",
        "ARC-Message-Signature", "ARC-Authentication-Results", "Authentication-Results", "Delivered-To",
        "Disposition-Notification-To", "Return-Receipt-To",
    };

    // @ < > and the look-alikes a mail client renders the same way (full-width, small, angle brackets).
    private static readonly SearchValues<char> AddressLookAlikes = SearchValues.Create("@<>\uFF20\uFE6B\uFF1C\uFF1E\uFE64\uFE65\u2039\u203A\u2329\u232A\u27E8\u27E9\u3008\u3009");

    [GeneratedRegex("^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();

    /// <summary>Builds the MIME message or explains why the message is refused (a permanent failure).</summary>
    /// <param name="message">The rendered message.</param>
    /// <param name="defaults">The configured sender settings.</param>
    /// <param name="date">The <c>Date</c> header, read from the sender's clock.</param>
    /// <param name="mime">The MIME message when the method returns true.</param>
    /// <param name="error">Why the message is refused when the method returns false; never contains the value.</param>
    /// <returns>True when the message can be sent.</returns>
    public static bool TryCreate(
        OutgoingMessage message,
        MailDefaults defaults,
        DateTimeOffset date,
        [NotNullWhen(true)] out MimeMessage? mime,
        [NotNullWhen(false)] out string? error)
    {
        mime = null;
        var headers = message.Headers ?? new Dictionary<string, string>();
        var fromName = ChooseFromName(message.FromName, defaults);
        var replyTo = (defaults.Overrides & MailSenderOverrides.ReplyTo) != 0 ? message.ReplyTo ?? defaults.ReplyTo : defaults.ReplyTo;

        if (!CheckValue("MessageId", message.MessageId, out error) ||
            !CheckValue("To", message.To, out error) ||
            !CheckValue("To display name", message.ToName, out error) ||
            !CheckValue("From display name", fromName, out error) ||
            !CheckValue("Reply-To", replyTo, out error) ||
            !CheckValue("Subject", message.Subject, out error) ||
            !CheckValue("Locale", message.Locale, out error))
        {
            return false;
        }

        if (string.IsNullOrEmpty(message.MessageId))
        {
            error = "refused: the message has no MessageId";
            return false;
        }

        if (!HeaderSafety.TryParseAddress(message.To, out _))
        {
            error = "refused: the recipient is not a single valid e-mail address";
            return false;
        }

        MailboxAddress? replyToMailbox = null;
        if (!string.IsNullOrEmpty(replyTo) && !HeaderSafety.TryParseAddress(replyTo, out replyToMailbox))
        {
            error = "refused: the Reply-To value is not a single valid e-mail address";
            return false;
        }

        foreach (var (name, value) in headers)
        {
            if (!HeaderSafety.IsValidFieldName(name))
            {
                error = "refused: an extra header name is not a valid RFC 5322 field name";
                return false;
            }

            if (ReservedHeaders.Contains(name) || name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("Resent-", StringComparison.OrdinalIgnoreCase))
            {
                error = $"refused: the extra header {name} would override a header the sender owns";
                return false;
            }

            if (!CheckValue($"{name} header", value, out error))
            {
                return false;
            }
        }

        var result = new MimeMessage();
        result.From.Add(new MailboxAddress(fromName ?? string.Empty, defaults.FromAddress));
        // The address exactly as stored (an IDN domain stays punycode), not MimeKit's decoded form of it.
        result.To.Add(new MailboxAddress(message.ToName ?? string.Empty, message.To));
        if (replyToMailbox is not null)
        {
            result.ReplyTo.Add(replyToMailbox);
        }

        result.Subject = message.Subject;
        result.MessageId = HeaderSafety.MessageIdLocalPart(message.MessageId) + "@" + HeaderSafety.DomainOf(defaults.FromAddress);
        result.Date = date;
        foreach (var (name, value) in headers)
        {
            result.Headers.Add(name, value);
        }

        var text = new TextPart(TextFormat.Plain) { Text = message.TextBody ?? string.Empty };
        if (message.HtmlBody is null)
        {
            result.Body = text;
        }
        else
        {
            result.Body = new MultipartAlternative { text, new TextPart(TextFormat.Html) { Text = message.HtmlBody } };
        }

        // Content-Language is a MIME entity header: it belongs to the top-level body entity.
        if (!string.IsNullOrEmpty(message.Locale) && LanguageTag().IsMatch(message.Locale))
        {
            result.Body.Headers.Add(HeaderId.ContentLanguage, message.Locale);
        }

        mime = result;
        error = null;
        return true;
    }

    // A request's branding reaches OutgoingMessage.FromName: only the host decides whether it may name the sender,
    // and even then a name that looks like an address ("Bank <security@bank.example>") is not shown in front of
    // the real address: the configured name is used instead.
    private static string? ChooseFromName(string? requested, MailDefaults defaults) =>
        (defaults.Overrides & MailSenderOverrides.FromName) != 0 && requested is not null && !LooksLikeAddress(requested)
            ? requested
            : defaults.FromName;

    private static bool LooksLikeAddress(string name) => name.AsSpan().IndexOfAny(AddressLookAlikes) >= 0;

    private static bool CheckValue(string field, string? value, [NotNullWhen(false)] out string? error)
    {
        if (value is not null && !HeaderSafety.IsSafe(value, out var offending))
        {
            error = HeaderSafety.Describe(field, offending);
            return false;
        }

        error = null;
        return true;
    }
}
