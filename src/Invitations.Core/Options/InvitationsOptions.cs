using NodaTime;

namespace Invitations;

/// <summary>
/// Every policy of the library, validated at startup (an invalid configuration throws one
/// <c>OptionsValidationException</c> listing every problem). Each property documents its default.
/// </summary>
public sealed class InvitationsOptions
{
    /// <summary>The display name of the host's organization (<c>{{ account_name }}</c>). Default: "our team".</summary>
    public string AccountName { get; set; } = "our team";

    /// <summary>Clients by id. At least one is required; see <see cref="InvitationClient"/>. Default: empty.</summary>
    public IDictionary<string, InvitationClient> Clients { get; } = new Dictionary<string, InvitationClient>(StringComparer.Ordinal);

    /// <summary>The client used when a request names none. Default: null (then the only client, if exactly one is configured).</summary>
    public string? DefaultClientId { get; set; }

    /// <summary>The query parameter that carries the token in links. Default: <c>invite_token</c>.</summary>
    public string TokenParameterName { get; set; } = "invite_token";

    /// <summary>The lifetime of a new or resent invitation when the request gives none. Default: 7 days (cidaas).</summary>
    public Duration DefaultLifetime { get; set; } = Duration.FromDays(7);

    /// <summary>The shortest lifetime a request may ask for. Default: 1 hour.</summary>
    public Duration MinLifetime { get; set; } = Duration.FromHours(1);

    /// <summary>The longest lifetime a request may ask for. Default: 30 days.</summary>
    public Duration MaxLifetime { get; set; } = Duration.FromDays(30);

    /// <summary>Roles of which the acting inviter must hold at least one. Default: admin, secondary_admin, user_invite (cidaas).</summary>
    public ISet<string> InviterRoles { get; } = new HashSet<string>(StringComparer.Ordinal) { "admin", "secondary_admin", "user_invite" };

    /// <summary>Whether <see cref="InviterRoles"/> is enforced for invite, resend and revoke. Default: true.</summary>
    public bool RequireInviterRole { get; set; } = true;

    /// <summary>The most invitations one inviter may create per <see cref="InviterQuotaWindow"/>; null for no limit. Default: null.</summary>
    public int? MaxInvitationsPerInviter { get; set; }

    /// <summary>The window of <see cref="MaxInvitationsPerInviter"/>. Default: 1 day.</summary>
    public Duration InviterQuotaWindow { get; set; } = Duration.FromDays(1);

    /// <summary>The minimum time between two sends of one invitation. Default: 1 minute.</summary>
    public Duration ResendCooldown { get; set; } = Duration.FromMinutes(1);

    /// <summary>The most resends of one invitation. Default: 10.</summary>
    public int MaxResends { get; set; } = 10;

    /// <summary>What inviting a recipient with a pending invitation does. Default: <see cref="DuplicatePendingBehavior.Resend"/>.</summary>
    public DuplicatePendingBehavior DuplicatePending { get; set; } = DuplicatePendingBehavior.Resend;

    /// <summary>Whether to refuse invitations to registered users, when an <see cref="IUserDirectory"/> is registered. Default: true.</summary>
    public bool SkipRegisteredUsers { get; set; } = true;

    /// <summary>Whether acceptance must use the invited e-mail when the request does not say (cidaas <c>allow_same_email</c>). Default: false.</summary>
    public bool AllowSameEmailOnlyByDefault { get; set; }

    /// <summary>The region used to parse national phone numbers (ISO 3166, for example <c>DE</c>); null requires +country codes. Default: null.</summary>
    public string? DefaultPhoneRegion { get; set; }

    /// <summary>The locale used when a request gives none. Default: <c>en</c>.</summary>
    public string DefaultLocale { get; set; } = "en";

    /// <summary>The IANA time zone used to format expiry when a request gives none. Default: <c>UTC</c>.</summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>The sender display name when branding gives none. Default: null (the sender's own default).</summary>
    public string? DefaultFromName { get; set; }

    /// <summary>A URL pattern for the <c>url</c> field of facts; <c>{id}</c> is replaced by the invitation id. Default: null (no url).</summary>
    public string? FactUrlTemplate { get; set; }

    /// <summary>Templates registered by the host; they override built-ins with the same key, channel and locale. Default: empty.</summary>
    public IList<TemplateDefinition> Templates { get; } = [];

    /// <summary>Template engine limits. Default: see <see cref="Invitations.TemplateLimits"/>.</summary>
    public TemplateLimits TemplateLimits { get; set; } = new();

    /// <summary>Whether a dispatch runs right after each save (in the caller's request). Default: true.</summary>
    public bool DispatchInline { get; set; } = true;

    /// <summary>How often the background dispatcher polls the outbox. Default: 5 seconds.</summary>
    public Duration DispatchPollInterval { get; set; } = Duration.FromSeconds(5);

    /// <summary>How long a dispatcher holds an outbox lease. Default: 2 minutes.</summary>
    public Duration DispatchLease { get; set; } = Duration.FromMinutes(2);

    /// <summary>How many outbox items one dispatch round claims. Default: 100.</summary>
    public int DispatchBatchSize { get; set; } = 100;

    /// <summary>
    /// Delays before attempts 2, 3, … of a failed delivery (Standard Webhooks: 5 s, 5 min, 30 min, 2 h, 5 h,
    /// 10 h, 14 h, 20 h, 24 h). After the last, the item is given up and a message ends in
    /// <c>INVITE_DELIVERY_FAILED</c>.
    /// </summary>
    public IList<Duration> RetrySchedule { get; } =
    [
        Duration.FromSeconds(5), Duration.FromMinutes(5), Duration.FromMinutes(30), Duration.FromHours(2), Duration.FromHours(5),
        Duration.FromHours(10), Duration.FromHours(14), Duration.FromHours(20), Duration.FromHours(24),
    ];

    /// <summary>Random spread applied to each retry delay, as a fraction (0.2 = ±20 %). Default: 0.2.</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>How long delivered facts and finished outbox items are kept. Default: 365 days (cidaas).</summary>
    public Duration FactRetention { get; set; } = Duration.FromDays(365);

    /// <summary>The most groups or roles per invitation. Default: 100.</summary>
    public int MaxGroupsOrRoles { get; set; } = 100;

    /// <summary>The most custom fields per invitation. Default: 50.</summary>
    public int MaxCustomFields { get; set; } = 50;

    /// <summary>Automatic invitations for new identities. Default: disabled; see <see cref="Invitations.AutoInviteOptions"/>.</summary>
    public AutoInviteOptions AutoInvite { get; } = new();

    /// <summary>The most identities one "invite every unregistered identity" run invites (SailPoint: 1000). Default: 1000.</summary>
    public int MaxUnregisteredInvitesPerRun { get; set; } = 1000;

    /// <summary>
    /// How often an expired invitation is re-invited automatically by the sweeper: it is resent while it has
    /// been resent fewer than this many times. Default: 0 (never: re-inviting is a decision the host makes).
    /// </summary>
    public int MaxAutomaticReinvites { get; set; }

    /// <summary>How often the background maintenance (expiry sweep, retention purge) runs. Default: 1 minute.</summary>
    public Duration MaintenanceInterval { get; set; } = Duration.FromMinutes(1);

    /// <summary>How many invitations or outbox items one maintenance batch handles. Default: 500.</summary>
    public int MaintenanceBatchSize { get; set; } = 500;
}
