namespace Invitations;

/// <summary>The medium an invitation message is delivered through.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Invitations.SnakeCaseEnumConverter<MessageChannel>))]
public enum MessageChannel
{
    /// <summary>E-mail: a subject, an HTML body and a plain-text body.</summary>
    Email = 0,

    /// <summary>SMS: a short plain-text body.</summary>
    Sms = 1,
}
