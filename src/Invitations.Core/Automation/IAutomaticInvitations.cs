namespace Invitations;

/// <summary>
/// Automatic invitations: the host reports identity events from its directory and the library invites under
/// <see cref="InvitationsOptions.AutoInvite"/>. Every call is idempotent per identity. Thread-safe.
/// </summary>
public interface IAutomaticInvitations
{
    /// <summary>
    /// The host reports a new identity (SailPoint "Identity Created" trigger). Under <see cref="InvitationsOptions.AutoInvite"/>
    /// it is invited once, to its personal address when it has one; identities created before
    /// <see cref="AutoInviteOptions.EnabledSince"/> never are. Idempotent per identity id: the same event twice invites once.
    /// </summary>
    /// <param name="identity">The new identity.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What the event did.</returns>
    Task<AutoInviteResult> OnIdentityCreatedAsync(DirectoryIdentity identity, CancellationToken cancellationToken = default);

    /// <summary>
    /// The host reports a lifecycle-state change. When <see cref="AutoInviteOptions.LifecycleState"/> is set and the
    /// identity enters that state, it is invited as by <see cref="OnIdentityCreatedAsync"/> (same rules, same idempotency).
    /// </summary>
    /// <param name="identity">The identity, with its new <see cref="DirectoryIdentity.LifecycleState"/>.</param>
    /// <param name="previousLifecycleState">The state it left, if known.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What the event did.</returns>
    Task<AutoInviteResult> OnLifecycleChangedAsync(DirectoryIdentity identity, string? previousLifecycleState, CancellationToken cancellationToken = default);
}
