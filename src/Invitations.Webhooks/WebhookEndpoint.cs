namespace Invitations.Webhooks;

/// <summary>One receiver of invitation facts.</summary>
public sealed class WebhookEndpoint
{
    /// <summary>The longest <see cref="Name"/>.</summary>
    public const int MaxNameLength = 150;

    /// <summary>
    /// A unique, non-secret name used in logs and delivery details (the URL is never logged), at most
    /// <see cref="MaxNameLength"/> characters. It also keys the endpoint's delivery progress in the store
    /// (<see cref="WebhookSink.LaneName"/>): renaming an endpoint gives it a new lane, and facts the old name still owed
    /// are given up for it.
    /// </summary>
    public string Name { get; set; } = "";

    /// <summary>
    /// The absolute <c>https</c> URL facts are POSTed to. <c>http</c> is accepted only when
    /// <see cref="WebhookSinkOptions.AllowPrivateNetworkDestinations"/> is true (local development and tests).
    /// </summary>
    public Uri? Url { get; set; }

    /// <summary>
    /// The active signing secrets, each <c>whsec_&lt;base64&gt;</c> of 24 to 64 bytes (see <see cref="WebhookSecret.Generate"/>).
    /// Every request carries one signature per secret, so during rotation list the new and the old secret
    /// until the receiver has switched.
    /// </summary>
    public IList<string> Secrets { get; } = new List<string>();

    /// <summary>The fact types (<see cref="FactTypes"/>) this endpoint receives; empty means all types.</summary>
    public IList<string> EventTypes { get; } = new List<string>();

    /// <summary>Whether the endpoint receives facts (default true).</summary>
    public bool Enabled { get; set; } = true;
}
