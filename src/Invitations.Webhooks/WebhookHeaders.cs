namespace Invitations.Webhooks;

/// <summary>The Standard Webhooks 1.0 header names.</summary>
public static class WebhookHeaders
{
    /// <summary>The message id (for our facts, <see cref="InvitationFact.Id"/>); receivers deduplicate on it.</summary>
    public const string Id = "webhook-id";

    /// <summary>The attempt time in whole seconds since the Unix epoch.</summary>
    public const string Timestamp = "webhook-timestamp";

    /// <summary>Space-separated <c>v1,&lt;base64 HMAC-SHA256&gt;</c> signatures, one per active secret.</summary>
    public const string Signature = "webhook-signature";
}
