using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace Invitations.Validation;

/// <summary>
/// Validates and normalizes an e-mail address once, at creation, so every later step (uniqueness,
/// sending, acceptance) uses the same string. <see cref="MailAddress"/> alone is not a validator
/// (it accepts display names, comments and comma lists), so it is used only as a final round-trip check.
/// </summary>
internal static class EmailAddressNormalizer
{
    private const int MaxLocalLength = 64;
    private const int MaxTotalLength = FieldLimits.Email;
    private const int MaxDomainLength = 253;
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>
    /// Normalizes: trim, Unicode NFC, domain to lower-case ASCII (IDN → punycode); the local part keeps
    /// its case (RFC 5321 §2.4) and must be ASCII dot-atom text. Returns null when invalid.
    /// </summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var text = input.Trim();

        // Control characters and lone surrogates are never part of an address; refusing them first also keeps
        // IsNormalized and IdnMapping, which throw on ill-formed UTF-16, from ever seeing one.
        if (TextRules.HasForbiddenCharacters(text))
        {
            return null;
        }

        // Reject a non-ASCII local part before NFC can fold a look-alike (Kelvin sign K, U+1FEF) into ASCII.
        var lastAt = text.LastIndexOf('@');
        if (lastAt > 0 && !Ascii.IsValid(text.AsSpan(0, lastAt)))
        {
            return null;
        }

        if (text.Length > 1024 || !TryNfc(ref text))
        {
            return null;
        }

        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text.IndexOf('@') != at)
        {
            return null;
        }

        var local = text[..at];
        var domain = NormalizeDomain(text[(at + 1)..]);
        if (domain is null || !IsDotAtom(local) || local.Length > MaxLocalLength)
        {
            return null;
        }

        var address = local + "@" + domain;
        if (address.Length > MaxTotalLength)
        {
            return null;
        }

        return MailAddress.TryCreate(address, out var parsed)
            && string.Equals(parsed.Address, address, StringComparison.Ordinal)
            && parsed.DisplayName.Length == 0
            ? address
            : null;
    }

    /// <summary>The key under which two addresses count as the same recipient (ASCII lower-case).</summary>
    public static string ComparisonKey(string normalized) => normalized.ToLowerInvariant();

    private static bool TryNfc(ref string text)
    {
        try
        {
            // IsNormalized throws on ill-formed UTF-16 as well, so it is inside the try too.
            text = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
            return true;
        }
        catch (ArgumentException)
        {
            return false; // ill-formed UTF-16 (lone surrogates)
        }
    }

    private static bool IsDotAtom(string local)
    {
        if (local.Length == 0 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
                || "!#$%&'*+-/=?^_`{|}~.".Contains(c, StringComparison.Ordinal);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static string? NormalizeDomain(string domain)
    {
        if (domain.Length == 0 || domain.Length > MaxDomainLength || domain.EndsWith('.'))
        {
            return null;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2 || ascii.Length > MaxDomainLength)
        {
            return null;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return null;
            }

            foreach (var c in label)
            {
                if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                {
                    return null;
                }
            }
        }

        // A top-level domain is never all digits (rules out bare IPv4 such as a@1.2.3.4).
        return !labels[^1].AsSpan().ContainsAnyExceptInRange('0', '9') ? null : ascii; // a span: string.All enumerated through an object
    }
}
