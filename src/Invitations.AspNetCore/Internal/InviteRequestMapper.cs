using System.Xml;
using Invitations.AspNetCore.Contracts;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace Invitations.AspNetCore.Internal;

/// <summary>Turns the create body into an <see cref="InviteRequest"/>: the wire forms (ISO-8601 lifetime, channel names) parsed, a missing <c>lang</c> taken from <c>Accept-Language</c>.</summary>
internal static class InviteRequestMapper
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>The request for <paramref name="body"/>, or the first wire-form error.</summary>
    /// <param name="body">The create body.</param>
    /// <param name="inviter">The signed-in actor.</param>
    /// <param name="http">The request (its <c>Accept-Language</c> and <c>Idempotency-Key</c>).</param>
    /// <param name="readIdempotencyHeader">Whether the <c>Idempotency-Key</c> header is this request's key (a bulk run's items carry their own).</param>
    public static (InviteRequest? Request, InvitationError? Error) From(CreateInvitationBody body, InvitationActor inviter, HttpRequest http, bool readIdempotencyHeader = true)
    {
        Duration? lifetime = null;
        if (body.Lifetime is { } text)
        {
            try
            {
                lifetime = Duration.FromTimeSpan(XmlConvert.ToTimeSpan(text));
            }
            catch (FormatException)
            {
                return (null, Invalid("lifetime", "must be an ISO-8601 duration such as P7D or PT12H."));
            }
            catch (OverflowException)
            {
                return (null, Invalid("lifetime", "is too long."));
            }
        }

        MessageChannel? channel = body.Channel switch
        {
            null => null,
            "email" => MessageChannel.Email,
            "sms" => MessageChannel.Sms,
            _ => null,
        };
        if (body.Channel is not null && channel is null)
        {
            return (null, Invalid("channel", "must be \"email\" or \"sms\"."));
        }

        var headerKey = readIdempotencyHeader ? http.Headers[IdempotencyHeader].ToString() : string.Empty;
        if (headerKey.Length > 0 && body.IdempotencyKey is not null && !string.Equals(headerKey, body.IdempotencyKey, StringComparison.Ordinal))
        {
            return (null, Invalid("idempotency_key", "differs from the Idempotency-Key header."));
        }

        var request = new InviteRequest
        {
            Inviter = inviter,
            Email = body.Email,
            MobileNumber = body.MobileNumber,
            PersonalEmail = body.PersonalEmail,
            GivenName = body.GivenName,
            FamilyName = body.FamilyName,
            Groups = body.Groups,
            Roles = body.Roles,
            CustomFields = body.CustomFields,
            OrganizationId = body.OrganizationId,
            ClientId = body.ClientId,
            TemplateKey = body.TemplateKey,
            Locale = body.Lang ?? PreferredLanguage(http),
            TimeZone = body.TimeZone,
            Lifetime = lifetime,
            RedirectLink = body.RedirectLink,
            LinkTarget = body.LinkTarget,
            Channel = channel,
            AllowSameEmailOnly = body.AllowSameEmail,
            SkipSend = body.SkipSend,
            IdempotencyKey = body.IdempotencyKey ?? (headerKey.Length > 0 ? headerKey : null),
            Branding = body.Branding is { } b
                ? new InvitationBranding
                {
                    FromName = b.FromName, Subject = b.Subject, TitleText = b.TitleText, BodyText = b.BodyText, SupportText = b.SupportText,
                    ActivationButtonText = b.ActivationButtonText, FooterText = b.FooterText, FooterLogoImage = b.FooterLogoImage, HeaderImage = b.HeaderImage,
                }
                : null,
        };
        return (request, null);
    }

    /// <summary>The first language of <c>Accept-Language</c> by quality (cidaas falls back to it); the Core validates it as it validates <c>lang</c>.</summary>
    private static string? PreferredLanguage(HttpRequest http) =>
        http.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Value.HasValue && l.Value.Value != "*" && (l.Quality ?? 1) > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value)
            .FirstOrDefault();

    private static InvitationError Invalid(string field, string why) =>
        new(InvitationErrorCodes.FieldInvalid, $"Field '{field}' is invalid: {why}") { Field = field };
}
