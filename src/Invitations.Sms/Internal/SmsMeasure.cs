namespace Invitations.Sms.Internal;

/// <summary>What a text costs as an SMS.</summary>
/// <param name="Encoding">The encoding a gateway would use for it.</param>
/// <param name="Length">Its length in UTF-16 code units (what <see cref="HttpSmsOptions.MaxLength"/> counts).</param>
/// <param name="Segments">The segments it is sent as (at least 1).</param>
internal readonly record struct SmsMeasure(SmsEncoding Encoding, int Length, int Segments);
