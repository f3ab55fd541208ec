namespace Invitations;

/// <summary>
/// An optional host hook into its own user store, asked per organization (<see cref="GetStatusAsync"/>). When registered,
/// an invitation to an address whose account is already a member of the organization is refused with
/// <c>user_already_registered</c> (while <c>SkipRegisteredUsers</c> is on), and one to an address whose account exists
/// outside the organization links to sign-in instead of registration.
/// </summary>
public interface IUserDirectory
{
    /// <summary>Whether a registered user already owns <paramref name="address"/>.</summary>
    /// <param name="address">A normalized e-mail address or E.164 number.</param>
    /// <param name="channel">Which kind of address it is.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>True when the address belongs to a registered user.</returns>
    ValueTask<bool> IsRegisteredAsync(string address, MessageChannel channel, CancellationToken cancellationToken);

    /// <summary>
    /// What the directory knows about <paramref name="address"/> for <paramref name="organizationId"/>: the question every
    /// invitation asks. The default answers from <see cref="IsRegisteredAsync"/> (registered means
    /// <see cref="DirectoryStatus.Member"/>, so a directory that knows no organizations keeps refusing registered users);
    /// a multi-organization directory overrides it to tell <see cref="DirectoryStatus.RegisteredElsewhere"/> apart.
    /// </summary>
    /// <param name="address">A normalized e-mail address or E.164 number.</param>
    /// <param name="channel">Which kind of address it is.</param>
    /// <param name="organizationId">The organization the invitation is for, or null for a host without organizations.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The address's status in that organization.</returns>
    async ValueTask<DirectoryStatus> GetStatusAsync(string address, MessageChannel channel, string? organizationId, CancellationToken cancellationToken) =>
        await IsRegisteredAsync(address, channel, cancellationToken).ConfigureAwait(false) ? DirectoryStatus.Member : DirectoryStatus.NotRegistered;

    /// <summary>
    /// Streams the identities that have not registered yet, for "invite every unregistered identity".
    /// Optional: the default implementation throws <see cref="NotSupportedException"/>; a host that offers
    /// the operation implements it (streaming from its own store, page by page).
    /// </summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The unregistered identities, in any stable order.</returns>
    IAsyncEnumerable<DirectoryIdentity> ListUnregisteredAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException(
            "This IUserDirectory does not list unregistered identities: implement IUserDirectory.ListUnregisteredAsync in the host's directory to invite every unregistered identity.");
}
