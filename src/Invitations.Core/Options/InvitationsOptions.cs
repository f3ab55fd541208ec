using Microsoft.Extensions.Options;

namespace Invitations;

/// <summary>
/// Every policy of the library, in groups that mirror the configuration sections of <c>appsettings.json</c>
/// (<c>"Invitations": { "Links": { … }, "Lifetime": { … }, "Delivery": { … } }</c>). Validated at startup: an invalid
/// configuration throws one <see cref="OptionsValidationException"/> listing every problem with its fix. Bind it
/// from code with <c>AddInvitations(o =&gt; …)</c> or from configuration with <c>AddInvitations(configuration.GetSection("Invitations"))</c>;
/// a collection given in configuration replaces its default. Bind through these overloads rather than the plain
/// <c>OptionsBuilder.BindConfiguration</c>, whose binder appends configured items to a default list (so default
/// inviter roles could not be removed) and reads no ISO-8601 durations.
/// </summary>
public sealed class InvitationsOptions
{
    /// <summary>Clients, their allowed URLs and the shape of invitation links.</summary>
    /// <value>The default has no client; at least one is required.</value>
    [ValidateObjectMembers]
    public InvitationLinkOptions Links { get; } = new();

    /// <summary>How long an invitation stays valid.</summary>
    /// <value>The default is 7 days, at least 1 hour, at most 30 days.</value>
    [ValidateObjectMembers]
    public InvitationLifetimeOptions Lifetime { get; } = new();

    /// <summary>Who may invite, and how often.</summary>
    /// <value>The default requires one of the roles <c>admin</c>, <c>secondary_admin</c>, <c>user_invite</c>, without a quota.</value>
    [ValidateObjectMembers]
    public InviterOptions Inviters { get; } = new();

    /// <summary>Bounds on one invitation, its resends and bulk runs.</summary>
    /// <value>The default is 100 groups or roles, 50 custom fields, 10 resends a minute apart, 1000 invitations per run.</value>
    [ValidateObjectMembers]
    public InvitationLimitOptions Limits { get; } = new();

    /// <summary>Values used when a request or the branding gives none: locale, time zone, phone region, names.</summary>
    /// <value>The default is English, UTC, no phone region, account name "our team".</value>
    [ValidateObjectMembers]
    public InvitationDefaultsOptions Defaults { get; } = new();

    /// <summary>The outbox dispatcher: inline and background dispatch, leases, retries.</summary>
    /// <value>The default dispatches inline and every 5 seconds in the background, retrying on the Standard Webhooks schedule.</value>
    [ValidateObjectMembers]
    public DeliveryOptions Delivery { get; } = new();

    /// <summary>How long delivered facts, finished outbox items and closed invitations are kept.</summary>
    /// <value>The default is 365 days.</value>
    [ValidateObjectMembers]
    public RetentionOptions Retention { get; } = new();

    /// <summary>The background maintenance (expiry sweep, retention purge, automatic re-invites).</summary>
    /// <value>The default runs every minute in batches of 500 and never re-invites automatically.</value>
    [ValidateObjectMembers]
    public MaintenanceOptions Maintenance { get; } = new();

    /// <summary>Automatic invitations for new identities.</summary>
    /// <value>The default is off.</value>
    [ValidateObjectMembers]
    public AutoInviteOptions AutoInvite { get; } = new();

    /// <summary>Thresholds of the health checks (<c>IHealthChecksBuilder.AddInvitations()</c>).</summary>
    /// <value>The default degrades at 1,000 due items or a 5-minute wait, fails at 10,000 or 30 minutes.</value>
    [ValidateObjectMembers]
    public HealthCheckOptions HealthChecks { get; } = new();

    /// <summary>Whether and how the holder of an expired or lost invitation may ask for a new link.</summary>
    /// <value>The default is off.</value>
    [ValidateObjectMembers]
    public NewLinkOptions NewLinks { get; } = new();

    /// <summary>Reminders before expiry.</summary>
    /// <value>The default is off (when on: one reminder two days before expiry).</value>
    [ValidateObjectMembers]
    public ReminderOptions Reminders { get; } = new();

    /// <summary>Templates registered by the host (inline or from files) and the template engine's limits.</summary>
    /// <value>The default has no host template: the built-in ones are used.</value>
    public InvitationTemplateOptions Templates { get; } = new();

    /// <summary>What inviting a recipient with a pending invitation does.</summary>
    /// <value>The default is <see cref="DuplicatePendingBehavior.Resend"/>.</value>
    public DuplicatePendingBehavior DuplicatePending { get; set; } = DuplicatePendingBehavior.Resend;

    /// <summary>Whether to refuse invitations to registered users, when an <see cref="IUserDirectory"/> is registered.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool SkipRegisteredUsers { get; set; } = true;

    /// <summary>Whether acceptance must use the invited e-mail when the request does not say (cidaas <c>allow_same_email</c>).</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool AllowSameEmailOnlyByDefault { get; set; }
}
