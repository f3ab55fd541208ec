namespace Invitations;

/// <summary>
/// Decides whether an actor may invite, resend, revoke, read an invitation or list its facts. Called by
/// <see cref="IInvitationManager"/> (and bulk runs, per row) after the inviter-role check and before anything is
/// written; a denial becomes a <c>forbidden</c> error carrying <see cref="InvitationAuthorizationResult.Reason"/>.
/// The default grants administrators (<see cref="InviterOptions.AdministratorRoles"/>) everything and others only
/// their own invitations and grants they hold (<see cref="InviterOptions.GrantPolicy"/>). A host replaces it with
/// <c>builder.UseAuthorizer&lt;T&gt;()</c> or by registering its own before <c>AddInvitations</c>. Automatic
/// invitations and the expiry sweep act as the system actor and are not asked. Implementations are singletons and thread-safe.
/// </summary>
public interface IInvitationAuthorizer
{
    /// <summary>Answers one authorization question.</summary>
    /// <param name="context">The operation, actor, organization, invitation and grants.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Allowed, or denied with a reason.</returns>
    ValueTask<InvitationAuthorizationResult> AuthorizeAsync(InvitationAuthorizationContext context, CancellationToken cancellationToken);
}
