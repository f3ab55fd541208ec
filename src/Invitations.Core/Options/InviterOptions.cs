using System.ComponentModel.DataAnnotations;
using Invitations.Internal;

namespace Invitations;

/// <summary>Who may invite, resend and revoke, and how many invitations one inviter may create (<see cref="InvitationsOptions.Inviters"/>).</summary>
public sealed class InviterOptions
{
    /// <summary>
    /// Roles of which the acting inviter must hold at least one (compared ordinally). A list given in configuration
    /// replaces this default: <c>"Roles": ["owner"]</c> admits only <c>owner</c>.
    /// </summary>
    /// <value>The default is <c>admin</c>, <c>secondary_admin</c>, <c>user_invite</c> (cidaas).</value>
    public ISet<string> Roles { get; } = new HashSet<string>(StringComparer.Ordinal) { "admin", "secondary_admin", "user_invite" };

    /// <summary>Whether <see cref="Roles"/> is enforced for invite, resend and revoke.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool RequireRole { get; set; } = true;

    /// <summary>
    /// Roles whose holder the default <see cref="IInvitationAuthorizer"/> treats as an administrator (compared ordinally):
    /// they may read, resend and revoke every invitation and grant any group or role. Everyone else acts only on the
    /// invitations they created. A list given in configuration replaces this default.
    /// </summary>
    /// <value>The default is <c>admin</c>.</value>
    public ISet<string> AdministratorRoles { get; } = new HashSet<string>(StringComparer.Ordinal) { "admin" };

    /// <summary>Which groups and roles an inviter who is not an administrator may grant, checked by the default <see cref="IInvitationAuthorizer"/> on invite and resend.</summary>
    /// <value>The default is <see cref="GrantPolicy.HeldByInviter"/>: only groups and roles the inviter holds.</value>
    public GrantPolicy GrantPolicy { get; set; } = GrantPolicy.HeldByInviter;

    /// <summary>The most invitations one inviter may create per <see cref="QuotaWindow"/>; <see langword="null"/> for no limit.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    [Bounds(1, int.MaxValue, ErrorMessage = "Inviters.MaxInvitationsPerWindow must be positive, or null for no limit.")]
    public int? MaxInvitationsPerWindow { get; set; }

    /// <summary>The window of <see cref="MaxInvitationsPerWindow"/>.</summary>
    /// <value>The default is 1 day.</value>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807", ErrorMessage = "Inviters.QuotaWindow must be positive, for example 1.00:00:00 (one day).")]
    public TimeSpan QuotaWindow { get; set; } = TimeSpan.FromDays(1);
}
