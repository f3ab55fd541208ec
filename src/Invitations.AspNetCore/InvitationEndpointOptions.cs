using System.ComponentModel.DataAnnotations;
using Invitations.Internal;

namespace Invitations.AspNetCore;

/// <summary>How <c>MapInvitations()</c> protects and shapes its endpoints. Set through <c>AddHttpEndpoints(configure)</c>.</summary>
public sealed class InvitationEndpointOptions
{
    /// <summary>The name of the authorization policy registered by default for the admin endpoints.</summary>
    public const string DefaultAdminPolicy = "Invitations.Admin";

    /// <summary>The name of the rate limiter policy registered by default for the invitee endpoints.</summary>
    public const string DefaultRedemptionRateLimiterPolicy = "Invitations.Redemption";

    /// <summary>
    /// The authorization policy every admin endpoint requires. Default <see cref="DefaultAdminPolicy"/>: an authenticated
    /// user with a role claim among the configured inviter roles. Name your own policy (registered with
    /// <c>AddAuthorization</c>) to replace it.
    /// </summary>
    [Required(ErrorMessage = "InvitationEndpointOptions.AdminPolicy must name an authorization policy, for example \"Invitations.Admin\" (the default).")]
    public string AdminPolicy { get; set; } = DefaultAdminPolicy;

    /// <summary>
    /// The rate limiter policy the invitee endpoints require. Default <see cref="DefaultRedemptionRateLimiterPolicy"/>:
    /// a fixed window per client address of <see cref="RedemptionPermitLimit"/> requests per <see cref="RedemptionWindow"/>.
    /// Name your own policy (registered with <c>AddRateLimiter</c>) to replace it. The host must call <c>app.UseRateLimiter()</c>.
    /// </summary>
    [Required(ErrorMessage = "InvitationEndpointOptions.RedemptionRateLimiterPolicy must name a rate limiter policy, for example \"Invitations.Redemption\" (the default).")]
    public string RedemptionRateLimiterPolicy { get; set; } = DefaultRedemptionRateLimiterPolicy;

    /// <summary>Requests one client address may make to the invitee endpoints per window in the default policy. Default 20.</summary>
    [Bounds(1, int.MaxValue, ErrorMessage = "InvitationEndpointOptions.RedemptionPermitLimit must be positive, for example 20.")]
    public int RedemptionPermitLimit { get; set; } = 20;

    /// <summary>The window of the default rate limiter policy. Default one minute.</summary>
    [Bounds(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807", ErrorMessage = "InvitationEndpointOptions.RedemptionWindow must be positive, for example 00:01:00.")]
    public TimeSpan RedemptionWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether an anonymous accept may name the account in the body (<c>sub</c>). Default <see langword="false"/>: accept
    /// takes the account from the signed-in user, because a token holder who could name any account would attach the
    /// invitation's roles to someone else's account. Turn it on only when the endpoint is called by your own back end.
    /// </summary>
    public bool AllowSubjectFromBody { get; set; }
}
