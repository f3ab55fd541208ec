using System.ComponentModel.DataAnnotations;
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
    /// <summary>Whether identity events invite automatically.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool Enabled { get; set; }

    /// <summary>
    /// Identities created before this instant are never invited automatically. Required when <see cref="Enabled"/>.
    /// In configuration an ISO-8601 instant, for example <c>2026-01-01T00:00:00Z</c>.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Instant? EnabledSince { get; set; }

    /// <summary>
    /// When set, only identities entering this lifecycle state trigger (compared case-insensitively): a created
    /// identity must be in it, a lifecycle change must move into it.
    /// </summary>
    /// <value>The default is <see langword="null"/>: every created identity triggers; lifecycle changes do not.</value>
    public string? LifecycleState { get; set; }

    /// <summary>Whether the message goes to the personal/alternate address when the identity has one (else the work address).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool PreferPersonalAddress { get; set; } = true;

    /// <summary>The id of the system actor recorded as the inviter.</summary>
    /// <value>The default is <c>system</c>.</value>
    [Required(AllowEmptyStrings = false, ErrorMessage = "AutoInvite.InviterId is required, for example \"system\".")]
    public string InviterId { get; set; } = "system";

    /// <summary>The display name of the system actor (<c>{{ invited_by }}</c>).</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? InviterDisplayName { get; set; }

    /// <summary>The client to register for (a key of <see cref="InvitationLinkOptions.Clients"/>).</summary>
    /// <value>The default is <see langword="null"/>: the default client.</value>
    public string? ClientId { get; set; }

    /// <summary>The template key.</summary>
    /// <value>The default is <see langword="null"/>: <c>INVITE_USER</c>.</value>
    public string? TemplateKey { get; set; }
}
