using System.Buffers;
using System.Collections.ObjectModel;
using System.Security.Cryptography;
using System.Text;
using Invitations.Authorization;
using Invitations.Links;
using Invitations.Templates;
using Invitations.Validation;
using NodaTime;
using E = Invitations.Errors.InvitationErrors;

namespace Invitations.Inviting;

/// <summary>Turns an <see cref="InviteRequest"/> into a <see cref="ValidatedInvite"/> or the first error, touching no state.</summary>
internal sealed class InviteRequestValidator(InvitationsOptions options, LinkBuilder links, TemplateCatalog templates)
{
    public const string DefaultTemplateKey = "INVITE_USER";
    private const int MaxNameLength = FieldLimits.Name;
    private const int MaxFieldValueLength = FieldLimits.FieldValue;
    private static readonly SearchValues<char> FieldKeyCharacters = SearchValues.Create("-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
    private static readonly SearchValues<char> LanguageTagCharacters = SearchValues.Create("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public InvitationResult<ValidatedInvite> Validate(InviteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (AuthorizeInviter(request.Inviter) is { } denied)
        {
            return denied;
        }

        if (ValidateRecipient(request, out var recipient) is { } invalid)
        {
            return invalid;
        }

        var (channel, email, mobile, delivery) = recipient;

        // What is checked is what is stored: the request's collections are copied once, as they enumerate (their
        // Count is not trusted), and only the copies are checked and stored. A copy stops reading at one entry over
        // its limit (null), so an oversized or endless collection costs at most that much.
        var groups = CopyList(request.Groups, options.Limits.MaxGroupsOrRoles);
        var roles = CopyList(request.Roles, options.Limits.MaxGroupsOrRoles);
        var fields = CustomFieldDictionary.Copy(request.CustomFields, options.Limits.MaxCustomFields);
        var error = Text("given_name", request.GivenName, MaxNameLength) ?? Text("family_name", request.FamilyName, MaxNameLength)
            ?? Text("organization_id", request.OrganizationId, MaxNameLength) ?? List("groups", groups) ?? List("roles", roles)
            ?? CustomFields(fields) ?? GrantsAndFieldsTotal(groups, roles, fields) ?? Branding(request.Branding) ?? IdempotencyKey(request.IdempotencyKey);
        if (error is not null)
        {
            return error;
        }

        var resolved = links.Resolve(request.ClientId, request.LinkTarget, request.RedirectLink);
        if (!resolved.IsSuccess)
        {
            return resolved.Error;
        }

        var templateKey = request.TemplateKey ?? DefaultTemplateKey;
        if (!templates.HasTemplate(templateKey, channel))
        {
            return E.TemplateNotFound();
        }

        var locale = request.Locale ?? options.Defaults.Locale;
        if (locale.Length is 0 or > FieldLimits.Locale || locale.AsSpan().ContainsAnyExcept(LanguageTagCharacters))
        {
            return E.FieldInvalid("lang", "not a language tag such as de-CH");
        }

        var timeZone = request.TimeZone ?? options.Defaults.TimeZone;
        if (timeZone.Length > FieldLimits.TimeZone || DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) is null)
        {
            return E.FieldInvalid("time_zone", "not an IANA time zone such as Europe/Berlin");
        }

        var (min, max) = (Duration.FromTimeSpan(options.Lifetime.Min), Duration.FromTimeSpan(options.Lifetime.Max));
        var lifetime = request.Lifetime ?? Duration.FromTimeSpan(options.Lifetime.Default);
        if (lifetime < min || lifetime > max)
        {
            return E.LifetimeOutOfRange(min, max);
        }

        var identity = email ?? mobile!;
        var validated = new ValidatedInvite
        {
            Inviter = request.Inviter,
            Channel = channel,
            Email = email,
            MobileNumber = mobile,
            DeliveryAddress = delivery,
            RecipientKey = RecipientKey(request.OrganizationId, channel, identity),
            GivenName = request.GivenName,
            FamilyName = request.FamilyName,
            Groups = groups!,
            Roles = roles!,
            CustomFields = fields!,
            OrganizationId = request.OrganizationId,
            ClientId = resolved.Value.ClientId,
            LinkTarget = resolved.Value.Target,
            RedirectLink = resolved.Value.Redirect,
            TemplateKey = templateKey,
            Locale = locale,
            TimeZone = timeZone,
            Lifetime = lifetime,
            Branding = request.Branding,
            SkipSend = request.SkipSend,
            AllowSameEmailOnly = request.AllowSameEmailOnly ?? options.AllowSameEmailOnlyByDefault,
            IdempotencyKey = request.IdempotencyKey is null ? null : request.Inviter.Id + "\n" + request.IdempotencyKey,
        };
        return validated.IdempotencyKey is null ? validated : validated with { Fingerprint = Fingerprint(validated) };
    }

    /// <summary>The caller must hold one of the inviter roles (when required).</summary>
    public InvitationError? AuthorizeInviter(InvitationActor? actor)
    {
        if (actor is null || string.IsNullOrWhiteSpace(actor.Id) || actor.Id.Length > FieldLimits.ActorId || TextRules.HasForbiddenCharacters(actor.Id))
        {
            return E.FieldInvalid("inviter", "an inviter with an id is required");
        }

        if (Text("invited_by", actor.DisplayName, MaxNameLength) is { } bad)
        {
            return bad;
        }

        return options.Inviters.RequireRole && !RoleSets.HoldsAny(actor.Roles, options.Inviters.Roles) ? E.Forbidden() : null;
    }

    public static string RecipientKey(string? organizationId, MessageChannel channel, string identity) =>
        RecipientKeys.Create(organizationId, channel == MessageChannel.Email ? "email" : "sms", EmailAddressNormalizer.ComparisonKey(identity));

    /// <summary>A search filter is stored text too: the same length and character rules as the field it matches.</summary>
    public static InvitationError? SearchFilter(string field, string? value, int max) =>
        value is not null && (value.Length > max || TextRules.HasForbiddenCharacters(value))
            ? E.FieldInvalid(field, $"must be at most {max} characters without control characters")
            : null;

    /// <summary>The recipient's channel and normalized addresses, or the error; an out value, not a result object per invite.</summary>
    private InvitationError? ValidateRecipient(InviteRequest r, out (MessageChannel Channel, string? Email, string? Mobile, string Delivery) recipient)
    {
        recipient = default;
        string? email = null, mobile = null, personal = null;
        if (!string.IsNullOrWhiteSpace(r.Email) && (email = EmailAddressNormalizer.Normalize(r.Email)) is null)
        {
            return E.EmailInvalid("email");
        }

        if (!string.IsNullOrWhiteSpace(r.MobileNumber) && (mobile = PhoneNumberNormalizer.Normalize(r.MobileNumber, options.Defaults.PhoneRegion)) is null)
        {
            return E.MobileNumberInvalid();
        }

        if (!string.IsNullOrWhiteSpace(r.PersonalEmail) && (personal = EmailAddressNormalizer.Normalize(r.PersonalEmail)) is null)
        {
            return E.EmailInvalid("personal_email");
        }

        // An undefined value would be stored and then never delivered (or fail to serialize): refuse it here.
        if (r.Channel is { } asked && !Enum.IsDefined(asked))
        {
            return E.FieldInvalid("channel", "must be email or sms");
        }

        var channel = r.Channel ?? (email is not null ? MessageChannel.Email : MessageChannel.Sms);
        switch (channel)
        {
            case MessageChannel.Email when email is null:
                return E.EmailMissing();
            case MessageChannel.Email:
                recipient = (channel, email, mobile, personal ?? email);
                return null;
            case var _ when mobile is null:
                return email is null && personal is null ? E.EmailMissing() : E.MobileNumberInvalid();
            default:
                recipient = (channel, email, mobile, mobile);
                return null;
        }
    }

    private static InvitationError? Text(string field, string? value, int max, bool allowNewLines = false)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > max)
        {
            return E.FieldInvalid(field, $"longer than {max} characters");
        }

        if (TextRules.HasForbiddenCharacters(value, allowNewLines))
        {
            return E.FieldInvalid(field, "contains control or line-break characters");
        }

        // Single-line values may reach a mail header (names, subject, sender name): no encoded words either.
        return !allowNewLines && TextRules.HasEncodedWord(value) ? E.FieldInvalid(field, "contains an RFC 2047 encoded word") : null;
    }

    /// <summary>A copy of what <paramref name="source"/> enumerates (empty for null); null once it yields more than <paramref name="max"/> entries.</summary>
    private static string[]? CopyList(IReadOnlyList<string>? source, int max)
    {
        if (source is null)
        {
            return [];
        }

        var items = new string[Math.Clamp(source.Count, 0, Math.Min(max, 64))];
        var length = 0;
        switch (source)
        {
            // The BCL's own lists (what JSON binding makes) through their struct enumerators: no boxed enumerator per list.
            case string[] array:
                foreach (var item in array)
                {
                    if (!Add(item))
                    {
                        return null;
                    }
                }

                break;
            case List<string> list:
                foreach (var item in list)
                {
                    if (!Add(item))
                    {
                        return null;
                    }
                }

                break;
            default:
                foreach (var item in source)
                {
                    if (!Add(item))
                    {
                        return null;
                    }
                }

                break;
        }

        if (length < items.Length)
        {
            Array.Resize(ref items, length);
        }

        return items;

        // False once the source yields more than max entries.
        bool Add(string item)
        {
            if (length == max)
            {
                return false;
            }

            if (length == items.Length)
            {
                Array.Resize(ref items, Math.Min(Math.Max(items.Length * 2, 4), max));
            }

            items[length++] = item;
            return true;
        }
    }

    /// <summary>Checks a copied list; null (the copy stopped) means it had too many entries.</summary>
    private InvitationError? List(string field, string[]? values)
    {
        if (values is null)
        {
            return E.FieldInvalid(field, $"more than {options.Limits.MaxGroupsOrRoles} entries");
        }

        foreach (var v in values)
        {
            if (string.IsNullOrWhiteSpace(v) || Text(field, v, MaxNameLength) is not null)
            {
                return E.FieldInvalid(field, "entries must be 1 to 128 characters without control characters");
            }
        }

        return null;
    }

    /// <summary>Checks copied custom fields; null (the copy stopped) means there were too many.</summary>
    private InvitationError? CustomFields(IReadOnlyDictionary<string, string>? fields)
    {
        if (fields is null)
        {
            return E.FieldInvalid("custom_fields", $"more than {options.Limits.MaxCustomFields} fields");
        }

        if (fields is CustomFieldDictionary map && map.HasDuplicateKeys())
        {
            return E.FieldInvalid("custom_fields", "a key occurs more than once");
        }

        // A non-empty copy is a CustomFieldDictionary: read through its struct enumerator, not a boxed one.
        if (fields is CustomFieldDictionary copy)
        {
            foreach (var (key, value) in copy)
            {
                if (Field(key, value) is { } bad)
                {
                    return bad;
                }
            }
        }
        else
        {
            foreach (var (key, value) in fields)
            {
                if (Field(key, value) is { } bad)
                {
                    return bad;
                }
            }
        }

        return null;
    }

    /// <summary>One custom field: a key of letters, digits, <c>_ . -</c> and a value that is single-line text.</summary>
    private static InvitationError? Field(string key, string? value)
    {
        var keyOk = key is { Length: > 0 and <= FieldLimits.FieldKey } && !key.AsSpan().ContainsAnyExcept(FieldKeyCharacters);
        return !keyOk || value is null || Text("custom_fields", value, MaxFieldValueLength) is not null
            ? E.FieldInvalid("custom_fields", $"field '{(keyOk ? key : "?")}' must have a key of letters, digits, _ . - and a value without control characters")
            : null;
    }

    private static InvitationError? Branding(InvitationBranding? b)
    {
        if (b is null)
        {
            return null;
        }

        var error = Text("from_name", b.FromName, MaxNameLength) ?? Text("subject", b.Subject, FieldLimits.Subject) ?? Text("title_text", b.TitleText, FieldLimits.Subject)
            ?? Text("activation_button_text", b.ActivationButtonText, 128) ?? Text("body_text", b.BodyText, MaxFieldValueLength, allowNewLines: true)
            ?? Text("support_text", b.SupportText, MaxFieldValueLength, allowNewLines: true) ?? Text("footer_text", b.FooterText, MaxFieldValueLength, allowNewLines: true);
        if (error is not null)
        {
            return error;
        }

        if (b.HeaderImage is { Length: > FieldLimits.ImageUrl } || b.FooterLogoImage is { Length: > FieldLimits.ImageUrl })
        {
            return E.FieldInvalid(b.HeaderImage is { Length: > FieldLimits.ImageUrl } ? "header_image" : "footer_logo_image", $"longer than {FieldLimits.ImageUrl} characters");
        }

        if (b.HeaderImage is not null && !TextRules.IsSafeAbsoluteUrl(b.HeaderImage, allowHttpLoopback: false))
        {
            return E.FieldInvalid("header_image", "must be an absolute https URL");
        }

        return b.FooterLogoImage is not null && !TextRules.IsSafeAbsoluteUrl(b.FooterLogoImage, allowHttpLoopback: false)
            ? E.FieldInvalid("footer_logo_image", "must be an absolute https URL")
            : null;
    }

    private static InvitationError? IdempotencyKey(string? key) =>
        key is null || (key.Length is > 0 and <= FieldLimits.IdempotencyKey && !key.AsSpan().ContainsAnyExceptInRange('!', '~')) ? null : E.IdempotencyKeyInvalid();

    /// <summary>Every fact carries the grants and fields: their total size bounds a fact's.</summary>
    private static InvitationError? GrantsAndFieldsTotal(string[]? groups, string[]? roles, IReadOnlyDictionary<string, string>? fields)
    {
        long total = 0;
        foreach (var g in groups!)
        {
            total += g.Length;
        }

        foreach (var r in roles!)
        {
            total += r.Length;
        }

        if (fields is CustomFieldDictionary copy)
        {
            foreach (var (key, value) in copy) // the struct enumerator
            {
                total += key.Length + value.Length;
            }
        }
        else
        {
            foreach (var (key, value) in fields!)
            {
                total += key.Length + value.Length;
            }
        }

        return total > FieldLimits.GrantsAndFieldsTotal
            ? E.FieldInvalid("custom_fields", $"groups, roles and custom fields together are longer than {FieldLimits.GrantsAndFieldsTotal} characters")
            : null;
    }

    private static string Fingerprint(ValidatedInvite v)
    {
        var sb = new StringBuilder();
        void Add(string? s) => sb.Append(s?.Length ?? -1).Append(':').Append(s).Append('|');
        Add(v.Channel.ToString()); Add(v.Email); Add(v.MobileNumber); Add(v.DeliveryAddress); Add(v.GivenName); Add(v.FamilyName);
        Add(string.Join('\u001f', v.Groups)); Add(string.Join('\u001f', v.Roles));
        foreach (var (k, val) in v.CustomFields.OrderBy(p => p.Key, StringComparer.Ordinal)) { Add(k); Add(val); }
        Add(v.OrganizationId); Add(v.ClientId); Add(v.LinkTarget); Add(v.RedirectLink); Add(v.TemplateKey); Add(v.Locale); Add(v.TimeZone);
        Add(v.Lifetime.ToString()); Add(v.SkipSend.ToString()); Add(v.AllowSameEmailOnly.ToString());
        Add(v.Branding is null ? null : InvitationJson.SerializeBranding(v.Branding));
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
