namespace Invitations.Sms;

/// <summary>How <see cref="HttpSmsSender"/> encodes the request body.</summary>
public enum SmsBodyFormat
{
    /// <summary><c>application/x-www-form-urlencoded</c> (Twilio-style gateways).</summary>
    Form = 0,

    /// <summary><c>application/json</c>: one JSON object whose members are the fields, all strings.</summary>
    Json = 1,
}
