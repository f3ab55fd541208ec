namespace Invitations.Sms.Internal;

/// <summary>The data coding an SMS gateway picks for a text: GSM-7 when every character is in the GSM 7-bit alphabet, UCS-2 otherwise.</summary>
internal enum SmsEncoding
{
    /// <summary>The GSM 7-bit default alphabet with its extension table (3GPP TS 23.038): 160 septets, or 153 per concatenated segment.</summary>
    Gsm7,

    /// <summary>UCS-2 (UTF-16 in practice): 70 code units, or 67 per concatenated segment.</summary>
    Ucs2,
}
