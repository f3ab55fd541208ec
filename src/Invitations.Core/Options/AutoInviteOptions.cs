using NodaTime;

namespace Invitations;

/// <summary>
/// Automatic invitations for new identities (<see cref="IAutomaticInvitations.OnIdentityCreatedAsync"/> and
/// <see cref="IAutomaticInvitations.OnLifecycleChangedAsync"/>). Off by default; when on, only identities created
/// at or after <see cref="EnabledSince"/> are ever invited automatically: turning the feature on never
/// mails everybody who has not registered yet.
/// </summary>
public sealed class AutoInviteOptions
{
    /// <summary>Whether identity events invite automatically. Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Identities created before this instant are never invited automatically. Required when <see cref="Enabled"/>. Default: null.</summary>
    public Instant? EnabledSince { get; set; }

    /// <summary>
    /// When set, only identities entering this lifecycle state trigger (compared case-insensitively): a created
    /// identity must be in it, a lifecycle change must move into it. Default: null (every created identity triggers; lifecycle changes do not).
    /// </summary>
    public string? LifecycleState { get; set; }

    /// <summary>Whether the message goes to the personal/alternate address when the identity has one (else the work address). Default: true.</summary>
    public bool PreferPersonalAddress { get; set; } = true;

    /// <summary>The id of the system actor recorded as the inviter. Default: <c>system</c>.</summary>
    public string InviterId { get; set; } = "system";

    /// <summary>The display name of the system actor (<c>{{ invited_by }}</c>). Default: null.</summary>
    public string? InviterDisplayName { get; set; }

    /// <summary>The client to register for. Default: null (the default client).</summary>
    public string? ClientId { get; set; }

    /// <summary>The template key. Default: null (<c>INVITE_USER</c>).</summary>
    public string? TemplateKey { get; set; }
}
