using PhoneNumbers;

namespace Invitations.Validation;

/// <summary>Parses a phone number with libphonenumber and returns its E.164 form, or null when invalid.</summary>
internal static class PhoneNumberNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <param name="input">A number in international (+…, 00…) or, with <paramref name="defaultRegion"/>, national format.</param>
    /// <param name="defaultRegion">ISO 3166 region for national numbers (for example <c>DE</c>), or null to require a country code.</param>
    /// <param name="allowPremiumRate">Whether premium-rate numbers are accepted (they are refused by default: SMS toll fraud).</param>
    public static string? Normalize(string? input, string? defaultRegion, bool allowPremiumRate = false)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return null;
        }

        var text = input.Trim();
        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + text[2..];
        }

        try
        {
            var number = Util.Parse(text, text.StartsWith('+') ? null : defaultRegion ?? "ZZ");
            if (!Util.IsValidNumber(number))
            {
                return null;
            }

            if (!allowPremiumRate && Util.GetNumberType(number) is PhoneNumberType.PREMIUM_RATE or PhoneNumberType.SHARED_COST)
            {
                return null;
            }

            var e164 = Util.Format(number, PhoneNumberFormat.E164);
            return e164.Length <= 16 ? e164 : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
