using System.ComponentModel.DataAnnotations;
using Invitations.Internal;

namespace Invitations.AspNetCore.Identity;

/// <summary>How an accepted invitation becomes an ASP.NET Core Identity account.</summary>
public sealed class InvitationAccountOptions
{
    /// <summary>The default <see cref="GroupClaimType"/>.</summary>
    public const string DefaultGroupClaimType = "invitations:group";

    /// <summary>The default <see cref="OrganizationClaimType"/>.</summary>
    public const string DefaultOrganizationClaimType = "invitations:organization";

    /// <summary>The default <see cref="CustomFieldClaimPrefix"/>.</summary>
    public const string DefaultCustomFieldClaimPrefix = "invitations:field:";

    /// <summary>
    /// The claim type each of the invitation's groups is stored under (one claim per group). Default
    /// <c>invitations:group</c>; set <c>groups</c> to match an OpenID Connect provider's claim.
    /// </summary>
    [Required(AllowEmptyStrings = true, ErrorMessage = "InvitationAccountOptions.GroupClaimType must be set, for example \"invitations:group\" (the default).")]
    [MinLength(1, ErrorMessage = "InvitationAccountOptions.GroupClaimType must be set, for example \"invitations:group\" (the default).")]
    public string GroupClaimType { get; set; } = DefaultGroupClaimType;

    /// <summary>
    /// The prefix of the claim type each custom field is stored under: field <c>department</c> becomes the claim
    /// <c>invitations:field:department</c> by default. An empty prefix stores fields under their own names.
    /// </summary>
    [Required(AllowEmptyStrings = true, ErrorMessage = "InvitationAccountOptions.CustomFieldClaimPrefix must not be null; use \"\" for no prefix or \"invitations:field:\" (the default).")]
    public string CustomFieldClaimPrefix { get; set; } = DefaultCustomFieldClaimPrefix;

    /// <summary>
    /// The claim type an account's organizations are stored under: an invitation into an organization adds one claim with
    /// its id, and the directory answers per organization from these claims. A registered account holding the claim of
    /// the inviting organization is a <see cref="DirectoryStatus.Member"/> (refused with <c>user_already_registered</c>
    /// when <c>SkipRegisteredUsers</c> is on); any other registered account is <see cref="DirectoryStatus.RegisteredElsewhere"/>
    /// and is invited with a sign-in link. Default <c>invitations:organization</c>.
    /// </summary>
    public string OrganizationClaimType { get; set; } = DefaultOrganizationClaimType;

    /// <summary>
    /// Whether a role of the invitation that does not exist in the role store is created. Default false: a missing role
    /// fails the registration with <c>role_not_found</c> before anything is created, so a typo in an invitation never
    /// mints a new role.
    /// </summary>
    public bool CreateMissingRoles { get; set; }

    /// <summary>
    /// The <c>provider</c> attribute of the <c>ACCOUNT_CREATED_WITH_CIDAAS_IDENTITY</c> fact (cidaas names the identity
    /// provider of the new account). Default <c>self</c>: a local account with a password.
    /// </summary>
    [Required(AllowEmptyStrings = true, ErrorMessage = "InvitationAccountOptions.Provider must be set, for example \"self\" (the default).")]
    [MinLength(1, ErrorMessage = "InvitationAccountOptions.Provider must be set, for example \"self\" (the default).")]
    public string Provider { get; set; } = "self";

    /// <summary>
    /// How long a registration may take before a retry with the same token treats its half-made account as interrupted
    /// (a crash or a lost connection between creating the account and accepting the invitation). A younger half-made
    /// account belongs to a request still running (a double-submit): the retry answers <c>account_exists</c>. An older one
    /// is completed when the retry brings the same password, and removed and made anew otherwise. Default 5 minutes.
    /// </summary>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807", ErrorMessage = "InvitationAccountOptions.InterruptedAfter must be positive, for example 00:05:00.")]
    public TimeSpan InterruptedAfter { get; set; } = TimeSpan.FromMinutes(5);
}
