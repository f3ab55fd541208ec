using System.Security.Claims;

namespace Invitations.AspNetCore.Identity;

/// <summary>
/// Registration by invitation into ASP.NET Core Identity. Scoped (it uses <c>UserManager&lt;TUser&gt;</c>). Every expected
/// failure is a result with a stable code; exceptions mean bugs or infrastructure faults.
/// </summary>
/// <remarks>
/// Invariant <b>one invitation, one account</b>: an account this service creates is usable (unlocked, unmarked) exactly
/// when its invitation is accepted into it. Never an account without an accepted invitation, never an accepted invitation
/// without its account, also when the invitee double-submits, two browsers race, or a call is interrupted: the account is
/// created locked with a marker claim, the invitation accepted, then the account unlocked; a failed accept deletes it,
/// and a retry with the same token finds an interrupted account by its marker and completes or removes it.
/// </remarks>
/// <typeparam name="TUser">The Identity user type.</typeparam>
public interface IInvitationAccounts<TUser>
    where TUser : class
{
    /// <summary>
    /// Creates the account for the invitation behind <see cref="InvitationRegistration.Token"/> and accepts the invitation into
    /// it, exactly once: the invited address, the chosen password (Identity's rules), the roles, the groups and custom fields
    /// as claims, <c>EmailConfirmed</c> only when the invitation's e-mail went to that very address. <c>INVITE_ACCEPTED</c> and
    /// <c>ACCOUNT_CREATED_WITH_CIDAAS_IDENTITY</c> are saved in one store write.
    /// </summary>
    /// <param name="registration">What the invitee submitted.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// The account; or <c>field_invalid</c>, <c>invalid_token</c>, <c>invitation_expired</c>, <c>invitation_already_accepted</c>,
    /// <c>password_rejected</c> (with <see cref="InvitationAccountResult{TUser}.IdentityErrors"/>), <c>account_exists</c>,
    /// <c>role_not_found</c>, <c>account_rejected</c>; nothing is created on failure.
    /// </returns>
    Task<InvitationAccountResult<TUser>> RegisterAsync(InvitationRegistration registration, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the signed-in <paramref name="user"/> has the invited address, so the page lets the invitee choose instead of
    /// accepting into the wrong account. Side-effect free.
    /// </summary>
    /// <param name="user">The request's principal (<c>HttpContext.User</c>).</param>
    /// <param name="token">The token from the link.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The check; or <c>invalid_token</c>, <c>invitation_expired</c>, <c>invitation_already_accepted</c>.</returns>
    Task<InvitationResult<SignedInInvitationCheck>> CheckSignedInAsync(ClaimsPrincipal user, string token, CancellationToken cancellationToken);

    /// <summary>
    /// Accepts the invitation into the signed-in, existing account the invitee chose: adds the roles and the claims and accepts
    /// exactly once. Core's rule holds: an invitation restricted to its address refuses another address with <c>same_email_required</c>.
    /// </summary>
    /// <param name="user">The request's principal.</param>
    /// <param name="token">The token from the link.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The account; or <c>unauthenticated</c>, <c>invalid_token</c>, <c>invitation_expired</c>, <c>invitation_already_accepted</c>, <c>same_email_required</c>, <c>role_not_found</c>.</returns>
    Task<InvitationAccountResult<TUser>> AcceptSignedInAsync(ClaimsPrincipal user, string token, CancellationToken cancellationToken);
}
